// The sign-up rules' building blocks — formats and dates, no field names — for the
// sign-up form's schema (signup-form.ts), the scanner and the vendor layer. Pure: no
// node:*, nothing from electron/core.

/** E-invoice mobile carrier: `/` and 7 of `0-9 A-Z . + -` (checked after upper-casing). */
export const PHONE_CARRIER_RE = /^\/[0-9A-Z.+-]{7}$/
/** Citizen digital certificate: 2 letters and 14 digits (checked after upper-casing). */
export const CITIZEN_CERT_RE = /^[A-Z]{2}\d{14}$/

/** Carrier codes are sent trimmed and upper-cased; the rules check that form. */
export const normalizeCarrierCode = (s: string): string => s.trim().toUpperCase()

/** Whether `s` is a mobile carrier once trimmed and upper-cased (a scanner may send either case). */
export function isPhoneCarrier(s: string): boolean {
  return PHONE_CARRIER_RE.test(normalizeCarrierCode(s))
}

// Local part and domain as people really use them; quoted local parts and IP-literal
// domains (legal in RFC 5321) are refused: no counter customer has one.
export const EMAIL_RE =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/

/** "Today" at the store (Asia/Taipei, UTC+8 all year) as `YYYY-MM-DD`. */
export function taipeiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** Why an ISO birthday (`YYYY-MM-DD`) cannot be one, as a message key; null when it can. */
export function birthdayProblem(s: string, today: Date): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return 'signup.birthdayFormat'
  const t = new Date(0)
  t.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  // Date rolls an impossible day over (02-30 becomes 03-02): a real date reads back as typed.
  if (t.toISOString().slice(0, 10) !== s) return 'signup.birthdayInvalid'
  if (s < '1900-01-01') return 'signup.birthdayTooOld'
  if (s >= taipeiToday(today)) return 'signup.birthdayFuture'
  return null
}
