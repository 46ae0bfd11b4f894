import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'zbar-'))
let n = 0

/** Decodes the Code128 barcode(s) in a PNG with zbarimg, as a POS scanner would read the screen. */
export function decodeCode128(png: Buffer): string[] {
  return decode(png, 'code128')
}

/** Decodes Code39 (the e-invoice mobile carrier), as a POS scanner would. */
export function decodeCode39(png: Buffer): string[] {
  return decode(png, 'code39')
}

function decode(png: Buffer, symbology: 'code128' | 'code39'): string[] {
  const file = join(dir, `shot-${n++}.png`)
  writeFileSync(file, png)
  try {
    const out = execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', `-S${symbology}.enable`, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return out.split('\n').filter((l) => l !== '')
  } catch {
    // zbarimg exits 4 when it finds nothing.
    return []
  }
}
