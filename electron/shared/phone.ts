import type { Phone } from './types'

// Taiwanese mobiles: 09 + 8 digits, or +886 9 + 8 digits. Staff and scanners type them
// with spaces, dashes, dots, brackets, and with or without the country code.

const SEPARATORS = /[\s\-().\u3000]/g

/** Strips separators and turns an 886 country prefix into the local 0. Keeps whatever else was typed. */
export function normalizePhoneInput(raw: string): string {
  // Full-width digits (from an input method) become ASCII.
  let s = raw.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
  s = s.replace(SEPARATORS, '')
  if (s.startsWith('+886')) s = '0' + s.slice(4).replace(/^0/, '')
  else if (s.startsWith('00886')) s = '0' + s.slice(5).replace(/^0/, '')
  else if (s.startsWith('886') && s.length >= 11) s = '0' + s.slice(3).replace(/^0/, '')
  return s
}

export const LOCAL_MOBILE = /^09\d{8}$/

export function parseTaiwanMobile(raw: string | null | undefined): Phone | null {
  if (typeof raw !== 'string') return null
  const local = normalizePhoneInput(raw)
  if (!LOCAL_MOBILE.test(local)) return null
  return { local, e164: '+886' + local.slice(1) }
}

export type PhoneProblem = 'phone.empty' | 'phone.notDigits' | 'phone.format'

/** Why a typed phone cannot be looked up yet, as a message key; null when it is a mobile. */
export function phoneProblem(raw: string): PhoneProblem | null {
  const s = normalizePhoneInput(raw)
  if (s === '') return 'phone.empty'
  if (!/^\+?\d+$/.test(s)) return 'phone.notDigits'
  return LOCAL_MOBILE.test(s) ? null : 'phone.format'
}

/** `0912345678` → `0912***678`; anything else keeps only its last three characters. */
export function maskPhone(raw: string): string {
  const p = parseTaiwanMobile(raw)
  if (p) return `${p.local.slice(0, 4)}***${p.local.slice(7)}`
  const s = raw.replace(SEPARATORS, '')
  return s.length <= 3 ? '***' : `***${s.slice(-3)}`
}

/** A pick list's phone: `0912-***-678`, enough to confirm with the customer, not to copy down. */
export function maskPhoneForDisplay(p: Phone | null): string {
  if (!p) return ''
  return `${p.local.slice(0, 4)}-***-${p.local.slice(7)}`
}

/** Formats a local mobile for reading aloud at the counter: `0912-345-678`. */
export function formatPhone(p: Phone | null): string {
  if (!p) return ''
  return `${p.local.slice(0, 4)}-${p.local.slice(4, 7)}-${p.local.slice(7)}`
}

/** A mobile number as the customer keys it, masked: `0912345678` → `09**-***-678`. */
export function maskKeyedPhone(digits: string): string {
  const masked = Array.from(digits.slice(0, 10), (c, i) => (i < 2 || i >= 7 ? c : '*')).join('')
  return [masked.slice(0, 4), masked.slice(4, 7), masked.slice(7)].filter(Boolean).join('-')
}
