// The sandbox's own rules that the vendor's pages do NOT state. Each one is a guess about the
// real backend, kept here in one place so nobody mistakes it for documented behaviour (README
// "Vendor behaviour we assume" lists what the app does about each).

/** ASSUMED: login for a phone that is not a member answers 404 with this message (the page is silent; see the dialects for the other way). */
export const MEMBER_NOT_FOUND = '查無此會員'

/** ASSUMED: an unknown `store_id` / `shop_id` answers 404 with this message. */
export const STORE_NOT_FOUND = '查無此門市'

/** ASSUMED: a malformed phone answers 400 with this message. */
export const BAD_PHONE = '手機號碼格式錯誤'

/**
 * ASSUMED: sign-up checks `phone_carrier` (not even listed in the request table) as the
 * Ministry of Finance's mobile barcode: "/" and 7 of 0-9 A-Z . + -.
 */
export const PHONE_CARRIER = /^\/[0-9A-Z.+-]{7}$/

/** ASSUMED: the citizen digital certificate barcode is two capital letters and 14 digits. */
export const CITIZEN_CERTIFICATE = /^[A-Z]{2}\d{14}$/

/** ASSUMED: e-mail is checked loosely (something@something.tld). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

// ASSUMED: birthday must be `YYYY-MM-DD` and not in the future (the page says only "string");
// signup.ts checks it with the sandbox's date helpers.

/**
 * ASSUMED: `default_carrier_type` PHONE_CARRIER needs a `phone_carrier`, and
 * CITIZEN_DIGITAL_CERTIFICATE needs a `citizen_digital_certificate` (the page lists both as optional).
 */
export const CARRIER_TYPE_NEEDS_ITS_CODE = true

/** ASSUMED: a sign-up without `default_carrier_type` answers MEMBER_CARRIER. */
export const DEFAULT_CARRIER_TYPE = 'MEMBER_CARRIER'
