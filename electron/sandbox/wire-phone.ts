// Phones as the vendor accepts them: `0903515908` or `+886903515908`, no separators
// (cleaning up what staff typed is the app's job).

import { parseTaiwanMobile } from '../shared/phone'
import type { Phone } from '../shared/types'

const WIRE_MOBILE = /^(?:09\d{8}|\+8869\d{8})$/

export function parseWireMobile(raw: unknown): Phone | null {
  return typeof raw === 'string' && WIRE_MOBILE.test(raw) ? parseTaiwanMobile(raw) : null
}
