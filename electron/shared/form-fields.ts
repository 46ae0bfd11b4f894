// A form is declared once, as a valibot object schema whose fields carry how they are
// shown (`field(schema, ui)`). `describeFields` reads that back as the table the views
// render from: labels, help lines, choices, caps and limits all come from the schema.
import * as v from 'valibot'

/** The control a field is drawn with. */
type InputKind = 'text' | 'url' | 'number' | 'select' | 'checkbox' | 'textarea' | 'password' | 'tel' | 'email' | 'pattern' | 'date'

/** What a field's declaration says about showing it. */
export interface FieldUi {
  group: string
  input: InputKind
  /** Position within its group. */
  order: number
  /** The control's `data-testid`. */
  testid: string
  /** The control's element id (its problem line is `<id>-error`); default `<form>-<key with dots as dashes>`. */
  id?: string
  /** A line of plain help under the control, `<form>.help.<key>`. */
  help?: boolean
  placeholder?: string
  inputmode?: 'tel' | 'url' | 'numeric' | 'email' | 'text'
  autocomplete?: string
  /** Shown in the desktop app only. */
  desktopOnly?: boolean
  /** Shown only while another field has one of these values. */
  shownWhen?: { key: string; is: readonly unknown[] }
  /** Editable only while another field has one of these values. */
  enabledWhen?: { key: string; is: readonly unknown[] }
  /** Extra CSS classes for the control (`numeric`). */
  classes?: string
  /** Typed letters are upper-cased, on screen and in the value sent. */
  upper?: boolean
  /** A select whose options stand for values that are not strings: option name → value. */
  choices?: Readonly<Record<string, unknown>>
  /** A select whose further options only exist at run time; the view supplies them (`screens`: the displays main reports). */
  moreOptions?: 'screens'
}

/** A field's declaration plus what its schema says: the row a form renders. */
export interface FieldDescriptor extends FieldUi {
  /** Dotted path in the form's values (`window.mode`). */
  key: string
  id: string
  labelKey: string
  helpKey: string | null
  optional: boolean
  /** A select's choices, from the schema's picklist. */
  options: readonly string[] | null
  maxLength: number | null
  min: number | null
  max: number | null
}

export interface FormGroup {
  name: string
  legendKey: string
  fields: FieldDescriptor[]
}

const UI = 'formUi'

/** A string of at most `max` characters. */
export const Text = (max: number) => v.pipe(v.string(), v.maxLength(max))

/** Declares a form field: its schema and how it is shown. */
export const field = <S extends v.GenericSchema>(schema: S, ui: FieldUi) => v.pipe(schema, v.metadata({ [UI]: ui }))

type AnySchema = v.GenericSchema & { type: string; wrapped?: AnySchema; pipe?: readonly AnyItem[]; entries?: Record<string, AnySchema>; options?: readonly string[] }
type AnyItem = { kind: string; type: string; requirement?: unknown; metadata?: Record<string, unknown> } & Partial<AnySchema>

/** A pipe's actions, with those of pipes nested at its head (`v.pipe` keeps its head's properties). */
function pipeItems(s: AnySchema | undefined): AnyItem[] {
  if (!s?.pipe) return []
  const [head, ...rest] = s.pipe
  return [...(head?.kind === 'schema' ? pipeItems(head as AnySchema) : []), ...rest]
}

/** The schema under any optional / nullable wrappers, and whether one was optional. */
function base(s: AnySchema): { schema: AnySchema; optional: boolean } {
  let schema = s
  let optional = false
  while (schema.wrapped) {
    optional ||= schema.type === 'optional' || schema.type === 'exact_optional'
    schema = schema.wrapped
  }
  return { schema, optional }
}

function requirement(items: AnyItem[], type: string): number | null {
  const item = items.find((i) => i.type === type)
  return typeof item?.requirement === 'number' ? item.requirement : null
}

/** The UI table of an object schema: every declared field, nested objects as dotted keys. */
export function describeFields(schema: v.GenericSchema, form: string, prefix = ''): FieldDescriptor[] {
  const entries = base(schema as AnySchema).schema.entries ?? {}
  const out: FieldDescriptor[] = []
  for (const [name, entry] of Object.entries(entries)) {
    const key = prefix + name
    const inner = base(entry)
    if (inner.schema.entries) {
      out.push(...describeFields(inner.schema, form, `${key}.`))
      continue
    }
    // Metadata may sit on the entry itself or inside an optional's wrapped pipe.
    const items = [...pipeItems(entry), ...pipeItems(entry.wrapped)]
    const ui = items.find((i) => i.type === 'metadata')?.metadata?.[UI] as FieldUi | undefined
    if (!ui) continue
    out.push({
      ...ui,
      key,
      id: ui.id ?? `${form}-${key.replaceAll('.', '-')}`,
      labelKey: `${form}Form.fields.${key}`,
      helpKey: ui.help ? `${form}Form.help.${key}` : null,
      optional: inner.optional,
      options: inner.schema.type === 'picklist' ? (inner.schema.options ?? null) : ui.choices ? Object.keys(ui.choices) : null,
      maxLength: requirement(items, 'max_length'),
      min: requirement(items, 'min_value'),
      max: requirement(items, 'max_value'),
    })
  }
  return out
}

/** Fields in their groups, groups in the given order, fields by their order. */
export function groupFields(fields: FieldDescriptor[], groups: readonly string[], form: string): FormGroup[] {
  return groups.map((name) => ({
    name,
    legendKey: `${form}Form.groups.${name}`,
    fields: fields.filter((f) => f.group === name).sort((a, b) => a.order - b.order),
  }))
}

/** A form as its screen draws it: the schema's fields in the named groups, in their order. */
export function declareForm(schema: v.GenericSchema, form: string, groups: readonly string[]): FormGroup[] {
  return groupFields(describeFields(schema, form), groups, form)
}

/** The value at a dotted path. */
export function valueAt(values: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), values)
}

/** Sets the value at a dotted path, creating the objects on the way. */
export function setAt(values: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.')
  let o = values
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>
  o[parts.at(-1)!] = value
}

/** Whether a field is shown / editable given the other fields' values (flat, by dotted key). */
export function conditionHolds(cond: { key: string; is: readonly unknown[] } | undefined, flat: Record<string, unknown>): boolean {
  return !cond || cond.is.some((x) => sameValue(x, flat[cond.key]))
}

/** Equal values, lists and records compared by content (a choice's value against the draft's). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  return JSON.stringify(a) === JSON.stringify(b)
}
