import { defineStore } from 'pinia'
import { ref } from 'vue'
import { carrierPrefill } from '@shared/signup-form'
import type { ScannerSettings } from '@shared/contract'
import { classifyScan, type ScanIntent } from '../scanner/classify'
import { useAppStore } from './app'
import { useLookupStore } from './lookup'
import { useNavStore } from './nav'
import { useSignupStore } from './signup'

/** A routed scan: the work it started, and how to put it on screen. */
export interface RoutedScan {
  intent: ScanIntent
  /** The lookup or search the scan started, if any. */
  settled: Promise<void> | null
  /** Puts the scan's effects on screen; call once. */
  show(): ScanNotice
}

export interface ScanNotice {
  intent: ScanIntent
  /** What the scan did: routed somewhere, or just shown. */
  outcome: 'lookup' | 'carrier-filled' | 'carrier-shown' | 'coupon' | 'member-card' | 'unknown' | 'tried'
  at: number
}

/** A scan made in Settings' scanner test: what was recognised, how long and how fast. */
export interface TrialScan {
  value: string
  kind: ScanIntent['kind']
  chars: number
  ms: number
  at: number
}

/** The most trial scans the test area lists. */
const TRIALS_KEPT = 8

// Where a scan goes: a phone to lookup, a carrier into the sign-up form, a coupon of the
// current member to the scanner view, a store member card to search, anything else to a
// short notice. The last scan is kept so staff can see what was understood.
export const useScanStore = defineStore('scan', () => {
  const last = ref<ScanNotice | null>(null)
  /** Bumped on every scan; the window flash keys on it. */
  const flashes = ref(0)
  /** Settings being tried in Settings' scanner test: while set, scans are only listed. */
  const trial = ref<ScannerSettings | null>(null)
  const trials = ref<TrialScan[]>([])

  /**
   * Starts what a scan asks for and returns how to show it. A lookup or search starts at
   * once (`settled`); everything on screen — the view, the field, the notice and flash —
   * waits for `show()`, which the scanner binding calls after cleaning up the field, when
   * the answer is in (see src/scanner/dom-binding.ts: one frame instead of two).
   */
  function route(raw: string, took: { startedAt: number; endedAt: number } = { startedAt: 0, endedAt: 0 }): RoutedScan {
    const app = useAppStore()
    const lookup = useLookupStore()
    const nav = useNavStore()
    const signup = useSignupStore()
    const couponCodes = (lookup.member?.coupons ?? []).flatMap((c) => (c.barcode ? [c.barcode.code] : []))
    const intent = classifyScan(raw, { couponCodes, memberCardPattern: app.settings?.memberCardPattern ?? '' })
    const announce = (outcome: ScanNotice['outcome']): ScanNotice => {
      last.value = { intent, outcome, at: Date.now() }
      flashes.value++
      return last.value
    }
    if (trial.value) {
      return {
        intent,
        settled: null,
        show() {
          const ms = Math.round(took.endedAt - took.startedAt)
          trials.value = [{ value: raw, kind: intent.kind, chars: raw.length, ms, at: Date.now() }, ...trials.value].slice(0, TRIALS_KEPT)
          flashes.value++
          return { intent, outcome: 'tried', at: Date.now() }
        },
      }
    }
    switch (intent.kind) {
      case 'phone':
        return {
          intent,
          settled: lookup.lookup(intent.phone),
          show() {
            nav.go('lookup')
            lookup.phoneDraft = intent.phone
            return announce('lookup')
          },
        }
      case 'carrier':
        return {
          intent,
          settled: null,
          show() {
            if (nav.view !== 'signup' || signup.outcome) return announce('carrier-shown')
            signup.fill(carrierPrefill(intent.carrier))
            return announce('carrier-filled')
          },
        }
      case 'coupon':
        return {
          intent,
          settled: null,
          show() {
            nav.go('lookup')
            lookup.showCoupon(intent.code)
            return announce('coupon')
          },
        }
      case 'memberCard':
        return {
          intent,
          settled: lookup.searchByVipId(intent.vipId),
          show() {
            nav.go('lookup')
            return announce('member-card')
          },
        }
      default:
        return { intent, settled: null, show: () => announce('unknown') }
    }
  }

  function dismiss(): void {
    last.value = null
  }

  /** Settings' scanner test: scans are listed (with `settings`, saved or not) instead of acted on. */
  function startTrial(settings: ScannerSettings): void {
    trial.value = settings
  }

  function stopTrial(): void {
    trial.value = null
    trials.value = []
  }

  return { last, flashes, trial, trials, route, dismiss, startTrial, stopTrial }
})
