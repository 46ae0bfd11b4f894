import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { describeFields, field, groupFields, setAt, valueAt } from '../../../electron/shared/form-fields'
import { SETTINGS_DEFAULTS, SETTINGS_FORM, SettingsPatchSchema, SettingsSchema } from '../../../electron/shared/settings-form'
import { en } from '../../../src/locales/en'
import { zhTW } from '../../../src/locales/zh-TW'

const locales = { 'zh-TW': zhTW, en }

describe('a form declared by its schema', () => {
  const Schema = v.strictObject({
    name: field(v.pipe(v.string(), v.maxLength(20)), { group: 'a', input: 'text', order: 2, testid: 't-name' }),
    kind: v.optional(field(v.picklist(['x', 'y']), { group: 'a', input: 'select', order: 1, testid: 't-kind' })),
    size: field(v.pipe(v.number(), v.minValue(3), v.maxValue(9)), { group: 'b', input: 'number', order: 1, testid: 't-size', help: true }),
    inner: v.strictObject({ deep: field(v.boolean(), { group: 'b', input: 'checkbox', order: 2, testid: 't-deep', id: 'deep' }) }),
    hidden: v.string(),
  })

  it('reads each field’s declaration back with what its schema says', () => {
    const fields = describeFields(Schema, 'demo')
    expect(fields.map((f) => f.key)).toEqual(['name', 'kind', 'size', 'inner.deep'])
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]))
    expect(byKey.name).toMatchObject({ id: 'demo-name', labelKey: 'demoForm.fields.name', maxLength: 20, optional: false, helpKey: null })
    expect(byKey.kind).toMatchObject({ options: ['x', 'y'], optional: true })
    expect(byKey.size).toMatchObject({ min: 3, max: 9, helpKey: 'demoForm.help.size' })
    expect(byKey['inner.deep']).toMatchObject({ id: 'deep', labelKey: 'demoForm.fields.inner.deep' })
  })

  it('groups fields in the given group order, each group by field order', () => {
    const groups = groupFields(describeFields(Schema, 'demo'), ['b', 'a'], 'demo')
    expect(groups.map((g) => [g.name, g.legendKey, g.fields.map((f) => f.key)])).toEqual([
      ['b', 'demoForm.groups.b', ['size', 'inner.deep']],
      ['a', 'demoForm.groups.a', ['kind', 'name']],
    ])
  })

  it('reads and writes values by dotted key', () => {
    const o: Record<string, unknown> = {}
    setAt(o, 'window.mode', 'panel')
    setAt(o, 'language', 'en')
    expect(o).toEqual({ window: { mode: 'panel' }, language: 'en' })
    expect(valueAt(o, 'window.mode')).toBe('panel')
    expect(valueAt(o, 'window.width')).toBeUndefined()
  })
})

describe('the settings form', () => {
  const fields = SETTINGS_FORM.flatMap((g) => g.fields)

  it('keeps every data-testid the screen and its tests use', () => {
    const ids = fields.map((f) => f.testid)
    for (const id of ['settings-api-base-url', 'settings-auth-url', 'settings-client-id', 'settings-store-id', 'settings-retention', 'settings-member-card-pattern', 'settings-language']) {
      expect(ids).toContain(id)
    }
    expect(new Set(ids).size).toBe(ids.length)
    expect(fields.find((f) => f.key === 'memberCardPattern')?.id).toBe('settings-pattern')
  })

  it('has a label, every help line and every choice in both languages', () => {
    for (const [lang, messages] of Object.entries(locales)) {
      for (const g of SETTINGS_FORM) expect(valueAt(messages, g.legendKey), `${lang} ${g.legendKey}`).toBeTypeOf('string')
      for (const f of fields) {
        expect(valueAt(messages, f.labelKey), `${lang} ${f.labelKey}`).toBeTypeOf('string')
        if (f.helpKey) expect(valueAt(messages, f.helpKey), `${lang} ${f.helpKey}`).toBeTypeOf('string')
        for (const o of f.options ?? []) {
          const key = `${f.labelKey.replace('.fields.', '.options.')}.${o}`
          expect(valueAt(messages, key), `${lang} ${key}`).toBeTypeOf('string')
        }
      }
    }
  })

  it('its defaults are valid settings, and a patch may change any part of them', () => {
    expect(v.safeParse(SettingsSchema, SETTINGS_DEFAULTS).success).toBe(true)
    expect(v.safeParse(SettingsPatchSchema, {}).success).toBe(true)
    expect(v.safeParse(SettingsPatchSchema, { window: { width: 500 }, scanner: { beep: true } }).success).toBe(true)
    expect(v.safeParse(SettingsPatchSchema, { nonsense: 1 }).success).toBe(false)
    expect(v.safeParse(SettingsPatchSchema, { cacheRetentionDays: 0 }).success).toBe(false)
  })
})
