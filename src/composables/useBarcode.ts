import JsBarcode from 'jsbarcode'
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'

// Code128 (coupons) or Code39 (the e-invoice carrier) drawn as SVG, sized for scanners: every bar a whole number of device pixels
// (a bar that straddles pixels is smeared grey and misread), a quiet zone of ten modules
// on each side, black on white.

const QUIET_ZONE_MODULES = 10

/** Device pixels per module: as many as fit, within [min, max]. */
function devicePixelsPerModule(totalModules: number, availableCssPx: number, dpr: number, min: number, max: number): number {
  const fit = Math.floor((availableCssPx * dpr) / totalModules)
  return Math.max(min, Math.min(max, fit))
}

/**
 * The full-screen view's choice: across the box, or turned 90° along its height when that
 * gives wider modules (a tall side panel). `n` whole device pixels per module, quiet zones
 * included in the fit.
 */
function fitBarcode(totalModules: number, widthCss: number, heightCss: number, dpr: number, min: number, max: number): { n: number; rotated: boolean } {
  const across = Math.floor((widthCss * dpr) / totalModules)
  const along = Math.floor((heightCss * dpr) / totalModules)
  const rotated = along > across && across < max
  return { n: Math.max(min, Math.min(max, rotated ? along : across)), rotated }
}

/** A CSS length that lands on a whole device pixel. */
const snap = (css: number, dpr: number) => Math.round(css * dpr) / dpr

const moduleCounts = new Map<string, number>()

/** The barcode's width in modules, without quiet zones (remembered: a code never changes width). */
function measureModules(code: string, format: BarcodeFormat = 'CODE128'): number {
  const key = `${format}:${code}`
  let n = moduleCounts.get(key)
  if (n === undefined) {
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
    JsBarcode(probe, code, { format, width: 1, margin: 0, displayValue: false, height: 1 })
    n = Number.parseFloat(probe.getAttribute('width') ?? '0')
    if (moduleCounts.size > 500) moduleCounts.clear()
    moduleCounts.set(key, n)
  }
  return n
}

export type BarcodeFormat = 'CODE128' | 'CODE39'

export interface BarcodeOptions {
  /** CSS px height of the bars. */
  height: () => number
  minDevicePx: number
  maxDevicePx: number
  /** Barcodes in boxes of the same kind share their last measured width (see lastWidths). */
  widthKey: string
  /** Default CODE128. */
  format?: BarcodeFormat
  /**
   * The full-screen view: the box has a size of its own (not the barcode's); the bars are
   * placed in it at whole device pixels, turned 90° when the box's height gives more room.
   */
  placeInBox?: boolean
}

/**
 * The last width each kind of box was measured at. A new card's barcodes start from it
 * instead of reading clientWidth while mounting, which would force a layout of the whole
 * page in the middle of the card's render; the ResizeObserver (after layout, in the same
 * frame) redraws the rare barcode whose box turned out to have another width.
 */
const lastWidths = new Map<string, number>()

/**
 * Puts the drawn bars in the middle of their box with every edge on a device pixel (a bar
 * straddling two pixels reads grey): centring by layout would land on half pixels.
 */
function place(el: SVGSVGElement, box: HTMLElement, rotated: boolean, dpr: number): void {
  const origin = box.getBoundingClientRect()
  const length = Number.parseFloat(el.getAttribute('width') ?? '0')
  const barHeight = Number.parseFloat(el.getAttribute('height') ?? '0')
  const [w, h] = rotated ? [barHeight, length] : [length, barHeight]
  const left = snap(origin.left + (box.clientWidth - w) / 2, dpr) - origin.left
  const top = snap(origin.top + (box.clientHeight - h) / 2, dpr) - origin.top
  el.style.position = 'absolute'
  el.style.left = `${left}px`
  el.style.top = `${top}px`
  el.style.transformOrigin = '0 0'
  // rotate(90deg) about the top-left corner swings the bars to the left of it; the translate brings them back.
  el.style.transform = rotated ? `translateX(${barHeight}px) rotate(90deg)` : ''
}

export function useBarcode(svg: Ref<SVGSVGElement | null>, box: Ref<HTMLElement | null>, code: Ref<string>, opts: BarcodeOptions) {
  let observer: ResizeObserver | null = null
  let lastKey = ''

  /** `width`: the box's width when known without a forced layout. */
  function draw(width?: number): void {
    if (!svg.value || !box.value || !code.value) return
    const available = width ?? box.value.clientWidth
    lastWidths.set(opts.widthKey, available)
    const dpr = window.devicePixelRatio || 1
    const format = opts.format ?? 'CODE128'
    const modules = measureModules(code.value, format) + 2 * QUIET_ZONE_MODULES
    const boxHeight = opts.placeInBox ? box.value.clientHeight : 0
    const { n, rotated } = opts.placeInBox
      ? fitBarcode(modules, available, boxHeight, dpr, opts.minDevicePx, opts.maxDevicePx)
      : { n: devicePixelsPerModule(modules, available, dpr, opts.minDevicePx, opts.maxDevicePx), rotated: false }
    const moduleCss = n / dpr
    // Bars as tall as asked, within the box with the quiet zone's white above and below too
    // (turned, their height runs across the box), in whole device pixels.
    const room = opts.placeInBox ? (rotated ? available : boxHeight) - 2 * QUIET_ZONE_MODULES * moduleCss - 8 : Infinity
    const barHeight = Math.floor(Math.max(40, Math.min(opts.height(), room)) * dpr) / dpr
    const key = `${code.value}|${n}|${dpr}|${barHeight}|${rotated}|${available}|${boxHeight}`
    if (key === lastKey) return
    lastKey = key
    JsBarcode(svg.value, code.value, {
      format,
      width: moduleCss,
      height: barHeight,
      margin: QUIET_ZONE_MODULES * moduleCss,
      displayValue: false,
      background: '#ffffff',
      lineColor: '#000000',
    })
    svg.value.setAttribute('shape-rendering', 'crispEdges')
    svg.value.dataset.modulePx = String(n)
    svg.value.dataset.rotated = String(rotated)
    if (opts.placeInBox) place(svg.value, box.value, rotated, dpr)
  }

  onMounted(() => {
    draw(lastWidths.get(opts.widthKey))
    // Called after layout (its first call comes in the same frame): clientWidth is free here.
    observer = new ResizeObserver(() => draw())
    if (box.value) observer.observe(box.value)
  })
  onBeforeUnmount(() => observer?.disconnect())
  watch(code, () => {
    lastKey = ''
    draw()
  })
  return { redraw: draw }
}
