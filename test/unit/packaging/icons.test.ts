import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The icons are generated from resources/icons/icon.svg by make-icons.mjs and committed;
// these checks make sure every size each target needs is there and is what it says.

const DIR = 'resources/icons'
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe('icons', () => {
  it('has one source and the script that makes the rest', () => {
    expect(readFileSync(`${DIR}/icon.svg`, 'utf8')).toContain('<svg')
    expect(existsSync(`${DIR}/make-icons.mjs`)).toBe(true)
  })

  it('has a 1024 px icon.png and the Linux set', () => {
    expect(pngSize(readFileSync(`${DIR}/icon.png`))).toEqual({ width: 1024, height: 1024 })
    for (const size of LINUX_SIZES) {
      expect(pngSize(readFileSync(`${DIR}/png/${size}x${size}.png`))).toEqual({ width: size, height: size })
    }
  })

  it('has an icon.ico with 16 to 256 px entries whose images match their sizes', () => {
    const ico = readFileSync(`${DIR}/icon.ico`)
    expect(ico.readUInt16LE(0)).toBe(0)
    expect(ico.readUInt16LE(2)).toBe(1)
    const count = ico.readUInt16LE(4)
    const sizes: number[] = []
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i
      const size = ico.readUInt8(e) || 256
      const length = ico.readUInt32LE(e + 8)
      const offset = ico.readUInt32LE(e + 12)
      const image = ico.subarray(offset, offset + length)
      expect(image.length).toBe(length)
      if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
        expect(pngSize(image)).toEqual({ width: size, height: size })
      } else {
        // BITMAPINFOHEADER: width, then twice the height (colour + mask), 32 bits per pixel.
        expect([image.readUInt32LE(0), image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([40, size, size * 2, 32])
      }
      sizes.push(size)
    }
    expect(sizes).toEqual(ICO_SIZES)
  })
})
