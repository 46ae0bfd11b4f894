import { defineStore } from 'pinia'
import { ref } from 'vue'
import { classifyScan, type ScanIntent } from '../scanner/classify'
import { useAppStore } from './app'
import { useLookupStore } from './lookup'
import { useNavStore } from './nav'
import { useSignupStore } from './signup'

export interface ScanNotice {
  intent: ScanIntent
  /** What the scan did: routed somewhere, or just shown. */
  outcome: 'lookup' | 'carrier-filled' | 'carrier-shown' | 'coupon' | 'member-card' | 'unknown'
  at: number
}

// Where a scan goes: a phone to lookup, a carrier into the sign-up form, a coupon of the
// current member to the scanner view, a store member card to search, anything else to a
// short notice. The last scan is kept so staff can see what was understood.
export const useScanStore = defineStore('scan', () => {
  const last = ref<ScanNotice | null>(null)
  /** Bumped on every scan; the window flash keys on it. */
  const flashes = ref(0)

  function route(raw: string): ScanNotice {
    const app = useAppStore()
    const lookup = useLookupStore()
    const nav = useNavStore()
    const signup = useSignupStore()
    const couponCodes = (lookup.member?.coupons ?? []).flatMap((c) => (c.barcode ? [c.barcode.code] : []))
    const intent = classifyScan(raw, { couponCodes, memberCardPattern: app.settings?.memberCardPattern ?? '' })
    let outcome: ScanNotice['outcome']
    switch (intent.kind) {
      case 'phone':
        nav.go('lookup')
        lookup.phoneDraft = intent.phone
        void lookup.lookup(intent.phone)
        outcome = 'lookup'
        break
      case 'carrier':
        if (nav.view === 'signup' && !signup.outcome) {
          signup.draft.defaultCarrierType = 'PHONE_CARRIER'
          signup.draft.phoneCarrier = intent.carrier
          outcome = 'carrier-filled'
        } else {
          outcome = 'carrier-shown'
        }
        break
      case 'coupon':
        nav.go('lookup')
        lookup.showCoupon(intent.code)
        outcome = 'coupon'
        break
      case 'memberCard':
        nav.go('lookup')
        void lookup.searchByVipId(intent.vipId)
        outcome = 'member-card'
        break
      default:
        outcome = 'unknown'
    }
    last.value = { intent, outcome, at: Date.now() }
    flashes.value++
    return last.value
  }

  function dismiss(): void {
    last.value = null
  }

  return { last, flashes, route, dismiss }
})
