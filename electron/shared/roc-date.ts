// Birthdays as Taiwanese customers say and write them: the Republic of China (民國) year
// is the Gregorian year minus 1911, written as `740312`, `74/3/12`, `74.3.12` or
// `民國74年3月12日`; IDs and forms also use `1985-03-12`, `1985/3/12` and `19850312`.

const ROC_OFFSET = 1911

const pad = (n: number) => String(n).padStart(2, '0')
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`

/**
 * A typed birthday → `YYYY-MM-DD`, or null when it is not written in a way this knows.
 * The parts are not checked against the calendar (`74/2/30` → `1985-02-30`): the rules
 * say "no such day" rather than "wrong format".
 */
export function parseBirthday(raw: string): string | null {
  // Full-width digits and slashes from an input method become ASCII; spaces go.
  const s = raw
    .replace(/[\uFF10-\uFF19\uFF0F\uFF0E\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]))
  m =
    /^(?:民國|民)?(\d{1,3})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ??
    /^(?:民國|民)?(\d{2,3})(\d{2})(\d{2})$/.exec(s)
  if (!m || Number(m[1]) < 1) return null
  return iso(Number(m[1]) + ROC_OFFSET, Number(m[2]), Number(m[3]))
}

/** `1985-03-12` → its ROC parts, for showing the date as understood; null for no such day. */
export function rocParts(isoDate: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!m) return null
  const [y, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, month - 1, day))
  if (y <= ROC_OFFSET || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return { year: y - ROC_OFFSET, month, day }
}
