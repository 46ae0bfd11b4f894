import JsBarcode from 'jsbarcode'
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'

// Code128 (coupons) or Code39 (the e-invoice carrier) drawn as SVG, sized for scanners: every bar a whole number of device pixels
// (a bar that straddles pixels is smeared grey and misread), a quiet zone of ten modules
// on each side, black on white.

export const QUIET_ZONE_MODULES = 10

/** Device pixels per module: as many as fit, within [min, max]. */
export function devicePixelsPerModule(totalModules: number, availableCssPx: number, dpr: number, min: number, max: number): number {
  const fit = Math.floor((availableCssPx * dpr) / totalModules)
  return Math.max(min, Math.min(max, fit))
}

const moduleCounts = new Map<string, number>()

/** The barcode's width in modules, without quiet zones (remembered: a code never changes width). */
export function measureModules(code: string, format: BarcodeFormat = 'CODE128'): number {
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
}

/**
 * The last width each kind of box was measured at. A new card's barcodes start from it
 * instead of reading clientWidth while mounting, which would force a layout of the whole
 * page in the middle of the card's render; the ResizeObserver (after layout, in the same
 * frame) redraws the rare barcode whose box turned out to have another width.
 */
const lastWidths = new Map<string, number>()

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
    const n = devicePixelsPerModule(modules, available, dpr, opts.minDevicePx, opts.maxDevicePx)
    const key = `${code.value}|${n}|${dpr}|${opts.height()}`
    if (key === lastKey) return
    lastKey = key
    const moduleCss = n / dpr
    JsBarcode(svg.value, code.value, {
      format,
      width: moduleCss,
      height: opts.height(),
      margin: QUIET_ZONE_MODULES * moduleCss,
      displayValue: false,
      background: '#ffffff',
      lineColor: '#000000',
    })
    svg.value.setAttribute('shape-rendering', 'crispEdges')
    svg.value.dataset.modulePx = String(n)
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
