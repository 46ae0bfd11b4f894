import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SIGNUP_FIELDS } from '../../../electron/shared/signup-form'

// Issue 15.1: a sign-up field is named in the form's schema, the wire mapping and the
// locales, and nowhere else in the app — adding a field means touching those files only.
const ROOT = join(import.meta.dirname, '../../..')
const SCHEMA = 'electron/shared/signup-form.ts'
const WIRE = 'electron/core/vendor/signup-wire.ts'
/**
 * The UI's two locales. The messages both sides share (electron/shared/messages.ts) are keyed by
 * rule, not by field, so they are counted like any other source file.
 */
const LOCALES = ['src/locales/en.ts', 'src/locales/zh-TW.ts']

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path)
    return /\.(ts|vue)$/.test(name) ? [path] : []
  })
}

// The fake vendor speaks the wire's own names: it is the vendor, not the app.
const files = [...sources('electron'), ...sources('src')].filter((f) => !f.startsWith('electron/sandbox/'))
const text = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]))

/** Files outside the text catalogues that use `name` as an identifier (a key, a property, a dotted path). */
function filesNaming(name: string): string[] {
  const re = COMMON.has(name)
    ? // An ordinary word: only where it is read from or written to a sign-up form or draft.
      new RegExp(`\\b(?:form|draft(?:\\.value)?)\\??\\.${name}\\b|\\[['"]${name}['"]\\]`)
    : new RegExp(`(?<![\\w-])${name}(?![\\w-])`)
  return files.filter((f) => !LOCALES.includes(f) && re.test(text.get(f)!))
}

// Nested fields are reached through their parent's name.
const names = [...new Set(SIGNUP_FIELDS.map((f) => f.key.split('.')[0]!))]
/**
 * The customer's phone and name are who the sign-up is for: lookup, the offline copy, the
 * outbox's duplicate check and its list all use them, so they are not counted. Other
 * ordinary words (a member's birthday, a store's address, a PIN field's type) also name
 * other things: for those only reads and writes through a form or draft count.
 */
const IDENTITY = new Set(['phone', 'name'])
const COMMON = new Set(['birthday', 'sex', 'email', 'address', 'memo', 'password'])

describe('each sign-up field is declared once', () => {
  it('the schema lists the fields this test counts', () => {
    expect(names).toEqual(expect.arrayContaining(['phone', 'invitationCode', 'externalData', 'citizenDigitalCertificate', 'lineId', 'password']))
  })

  for (const name of names.filter((n) => !IDENTITY.has(n))) {
    it(`${name}: only in the schema and the wire mapping (and the locales)`, () => {
      const allowed = [SCHEMA, WIRE]
      expect(filesNaming(name).filter((f) => !allowed.includes(f))).toEqual([])
      expect(text.get(SCHEMA)).toMatch(new RegExp(`\\b${name}\\b`))
      expect(text.get(WIRE)).toMatch(new RegExp(`\\b${name}\\b`))
      expect(LOCALES.filter((f) => text.get(f)!.includes(name))).toEqual(LOCALES)
    })
  }
})
