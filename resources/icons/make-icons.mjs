#!/usr/bin/env node
// Regenerates every icon from icon.svg (`npm run icons`); the results are committed, so a
// build never needs this script:
//   icon.png       1024×1024 (electron-builder's generic icon)
//   png/NxN.png    16…512, the Linux icon set (AppImage, deb, desktop entry)
//   icon.ico       16, 24, 32, 48, 64, 128, 256 (Windows: exe, installer, shortcuts)
// The ICO holds uncompressed 32-bit bitmaps up to 48 px and PNG for the rest, the layout
// every Windows shell and NSIS read.
import { Resvg } from '@resvg/resvg-js'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const svg = readFileSync(join(here, 'icon.svg'), 'utf8')

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
const BITMAP_MAX = 48

function render(size) {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render()
  if (image.width !== size || image.height !== size) throw new Error(`rendered ${image.width}×${image.height}, wanted ${size}`)
  return { png: Buffer.from(image.asPng()), rgba: straightAlpha(Buffer.from(image.pixels)) }
}

/** resvg's raw pixels are premultiplied; a bitmap icon wants straight alpha. */
function straightAlpha(px) {
  for (let i = 0; i < px.length; i += 4) {
    const a = px[i + 3]
    if (a === 0 || a === 255) continue
    for (let c = 0; c < 3; c++) px[i + c] = Math.min(255, Math.round((px[i + c] * 255) / a))
  }
  return px
}

/** A 32-bit BI_RGB DIB as stored in an ICO: BITMAPINFOHEADER, BGRA rows bottom-up, empty AND mask. */
function icoBitmap(size, rgba) {
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8) // colour + mask
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  const maskRow = Math.ceil(size / 32) * 4
  header.writeUInt32LE(size * size * 4 + maskRow * size, 20)
  const pixels = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4
      const to = ((size - 1 - y) * size + x) * 4
      pixels[to] = rgba[from + 2]
      pixels[to + 1] = rgba[from + 1]
      pixels[to + 2] = rgba[from]
      pixels[to + 3] = rgba[from + 3]
    }
  }
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)])
}

function ico(images) {
  const dir = Buffer.alloc(6 + 16 * images.length)
  dir.writeUInt16LE(0, 0)
  dir.writeUInt16LE(1, 2) // 1 = icon
  dir.writeUInt16LE(images.length, 4)
  let offset = dir.length
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i
    dir.writeUInt8(size >= 256 ? 0 : size, e) // 0 means 256
    dir.writeUInt8(size >= 256 ? 0 : size, e + 1)
    dir.writeUInt16LE(1, e + 4) // planes
    dir.writeUInt16LE(32, e + 6) // bits per pixel
    dir.writeUInt32LE(data.length, e + 8)
    dir.writeUInt32LE(offset, e + 12)
    offset += data.length
  })
  return Buffer.concat([dir, ...images.map((i) => i.data)])
}

mkdirSync(join(here, 'png'), { recursive: true })
const rendered = new Map([...new Set([...LINUX_SIZES, ...ICO_SIZES, 1024])].map((s) => [s, render(s)]))
writeFileSync(join(here, 'icon.png'), rendered.get(1024).png)
for (const size of LINUX_SIZES) writeFileSync(join(here, 'png', `${size}x${size}.png`), rendered.get(size).png)
writeFileSync(
  join(here, 'icon.ico'),
  ico(ICO_SIZES.map((size) => ({ size, data: size <= BITMAP_MAX ? icoBitmap(size, rendered.get(size).rgba) : rendered.get(size).png }))),
)
console.log(`icons: icon.png (1024), png/ ${LINUX_SIZES.join(', ')}, icon.ico ${ICO_SIZES.join(', ')}`)
