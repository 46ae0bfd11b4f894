import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppError } from '../../electron/shared/contract'
import { parseTaiwanMobile } from '../../electron/shared/phone'
import type { MemberSummary, MemberView } from '../../electron/shared/types'
import { pos } from '../api'

export type LookupStatus = 'idle' | 'busy' | 'found' | 'not-member' | 'picking' | 'error'

/**
 * A live lookup slower than this shows this counter's offline copy meanwhile, if it has one:
 * a hung network can take the whole 9 s deadline before main falls back to the copy itself.
 */
export const OFFLINE_COPY_AFTER_MS = 1500

// The counter's main flow: a phone (typed, tapped or scanned) → the member card.
export const useLookupStore = defineStore('lookup', () => {
  /** What is in the phone field; kept here so leaving the screen loses nothing. */
  const phoneDraft = ref('')
  const status = ref<LookupStatus>('idle')
  const member = ref<MemberView | null>(null)
  const error = ref<AppError | null>(null)
  /** The phone the last lookup asked for (for retry and for "sign this number up"). */
  const lastPhone = ref<string | null>(null)
  const matches = ref<MemberSummary[]>([])
  const lastSuffix = ref('')
  /** What the last search asked for, so an empty pick list can say so. */
  const lastSearch = ref<{ by: 'phoneSuffix' | 'vipId'; value: string } | null>(null)
  /** The card shows the offline copy while the live lookup is still running. */
  const waitingForLive = ref(false)
  /** The coupon shown full-screen for the POS scanner, if any. */
  const shownCoupon = ref<{ code: string; title: string; format?: 'CODE39' } | null>(null)
  /** Increases with every lookup so a slow answer cannot overwrite a newer one. */
  let generation = 0

  async function lookup(rawPhone: string): Promise<void> {
    if (status.value === 'busy') return
    const phone = parseTaiwanMobile(rawPhone)
    if (!phone) return
    const mine = ++generation
    status.value = 'busy'
    error.value = null
    lastPhone.value = phone.local
    const meanwhile = setTimeout(() => void showOfflineCopyMeanwhile(mine, phone.local), OFFLINE_COPY_AFTER_MS)
    const r = await pos.member.lookup({ phone: phone.local })
    clearTimeout(meanwhile)
    if (mine !== generation) return
    waitingForLive.value = false
    if (r.ok) {
      member.value = r.value
      status.value = 'found'
      matches.value = []
      if (r.value.source === 'live' && r.value.profile.carrier === undefined) void fillCarrier(mine, phone.local)
    } else if (r.error.code === 'NOT_FOUND' && !r.error.fromVendor) {
      member.value = null
      status.value = 'not-member'
    } else if (r.error.code === 'NOT_FOUND') {
      // The vendor says "no such member" in its own words.
      member.value = null
      status.value = 'not-member'
      error.value = r.error
    } else {
      status.value = 'error'
      error.value = r.error
    }
  }

  async function showOfflineCopyMeanwhile(mine: number, phoneLocal: string): Promise<void> {
    const r = await pos.member.offlineCopy({ phone: phoneLocal })
    // Only while that same lookup is still running: its answer always wins.
    if (mine !== generation || status.value !== 'busy' || !r.ok || !r.value.copy) return
    member.value = r.value.copy
    waitingForLive.value = true
  }

  /** The e-invoice carrier from the member data fetched beside the login: the card never waits for it. */
  async function fillCarrier(mine: number, phoneLocal: string): Promise<void> {
    const r = await pos.member.carrier({ phone: phoneLocal })
    if (mine !== generation || !r.ok || !member.value) return
    member.value = { ...member.value, profile: { ...member.value.profile, carrier: r.value.carrier } }
  }

  function retry(): Promise<void> {
    return lastPhone.value ? lookup(lastPhone.value) : Promise.resolve()
  }

  /** `member:search`: one match goes straight to the card, several to a pick list. */
  async function search(by: 'phoneSuffix' | 'vipId', value: string): Promise<void> {
    if (status.value === 'busy') return
    const mine = ++generation
    status.value = 'busy'
    error.value = null
    if (by === 'phoneSuffix') lastSuffix.value = value
    lastSearch.value = { by, value }
    const r = await pos.member.search({ by, value })
    if (mine !== generation) return
    if (!r.ok) {
      status.value = 'error'
      error.value = r.error
      return
    }
    matches.value = r.value
    member.value = null
    const only = r.value.length === 1 ? r.value[0]!.phone : null
    if (only) {
      status.value = 'idle'
      return lookup(only.local)
    }
    status.value = 'picking'
  }

  const searchBySuffix = (suffix: string) => search('phoneSuffix', suffix)
  const searchByVipId = (vipId: string) => search('vipId', vipId)

  /** Opens one of the current member's coupons in the "show to scanner" view. */
  function showCoupon(code: string): boolean {
    if (code !== '' && member.value?.profile.carrier === code) {
      shownCoupon.value = { code, title: '', format: 'CODE39' }
      return true
    }
    const c = member.value?.coupons.find((x) => x.barcode?.code === code)
    if (!c) return false
    shownCoupon.value = { code, title: c.title }
    return true
  }

  function clear(): void {
    generation++
    waitingForLive.value = false
    phoneDraft.value = ''
    status.value = 'idle'
    member.value = null
    error.value = null
    matches.value = []
  }

  return { phoneDraft, status, member, error, lastPhone, matches, lastSuffix, lastSearch, shownCoupon, waitingForLive, lookup, retry, searchBySuffix, searchByVipId, showCoupon, clear }
})
