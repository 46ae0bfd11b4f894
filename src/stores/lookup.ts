import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppError } from '@shared/contract'
import { parseTaiwanMobile } from '@shared/phone'
import type { MemberSummary, MemberView } from '@shared/types'
import { pos } from '../api'

export type LookupStatus = 'idle' | 'busy' | 'found' | 'not-member' | 'picking' | 'error'

/** How the last "check again" of the shown member went (14.3): coupons follow the POS. */
export type RefreshState = { state: 'idle' } | { state: 'busy' } | { state: 'done'; at: string } | { state: 'failed'; at: string }

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
  /** An answer (card, "not a member", pick list or error) is on screen. */
  const hasAnswer = ref(false)
  /**
   * Staff typed in the field since the answer came in: the answer on screen is the previous
   * customer's. Set by the screen for typing and keypad keys only, so a scan's clean-up of
   * the field (the scanner binding puts back what it held) does not count.
   */
  const editedSinceAnswer = ref(false)
  /** Bumped at every answer, so the screen can hand the field back for the next customer. */
  const answers = ref(0)
  const refreshed = ref<RefreshState>({ state: 'idle' })
  /** Increases with every lookup so a slow answer cannot overwrite a newer one. */
  let generation = 0

  /** The shown answer is the previous customer's. */
  const previous = computed(() => hasAnswer.value && editedSinceAnswer.value)

  function answered(next: LookupStatus): void {
    status.value = next
    hasAnswer.value = true
    editedSinceAnswer.value = false
    answers.value++
  }

  /** Staff changed the field by hand (typing, the keypad). */
  function noteEdit(): void {
    if (hasAnswer.value) editedSinceAnswer.value = true
  }

  async function lookup(rawPhone: string): Promise<void> {
    if (status.value === 'busy') return
    const phone = parseTaiwanMobile(rawPhone)
    if (!phone) return
    const mine = ++generation
    status.value = 'busy'
    error.value = null
    lastPhone.value = phone.local
    refreshed.value = { state: 'idle' }
    const meanwhile = setTimeout(() => void showOfflineCopyMeanwhile(mine, phone.local), OFFLINE_COPY_AFTER_MS)
    const r = await pos.member.lookup({ phone: phone.local })
    clearTimeout(meanwhile)
    if (mine !== generation) return
    waitingForLive.value = false
    if (r.ok) {
      member.value = r.value
      matches.value = []
      if (r.value.source === 'live' && r.value.profile.carrier === undefined) void fillCarrier(mine, phone.local)
      answered('found')
    } else if (r.error.code === 'NOT_FOUND') {
      member.value = null
      // The vendor may say "no such member" in its own words: shown beside ours.
      if (r.error.fromVendor) error.value = r.error
      answered('not-member')
    } else {
      error.value = r.error
      answered('error')
    }
  }

  /**
   * Fetches the shown member again and updates the card in place (coupons the POS redeemed
   * meanwhile turn "used"); the screen is not cleared. An answer from the offline copy is no
   * news, so the card keeps what it shows and says the check failed.
   */
  async function refresh(): Promise<void> {
    const shown = member.value
    const phone = shown?.profile.phone?.local
    if (!shown || !phone || status.value === 'busy' || refreshed.value.state === 'busy') return
    const mine = generation
    refreshed.value = { state: 'busy' }
    const r = await pos.member.lookup({ phone })
    if (mine !== generation || member.value?.profile.id !== shown.profile.id) return
    const at = new Date().toISOString()
    if (r.ok && r.value.source === 'live') {
      // The carrier rides along: kept on screen until member data answers anew.
      const carrier = r.value.profile.carrier ?? shown.profile.carrier
      member.value = carrier === undefined ? r.value : { ...r.value, profile: { ...r.value.profile, carrier } }
      if (r.value.profile.carrier === undefined) void fillCarrier(mine, phone)
      refreshed.value = { state: 'done', at }
    } else {
      refreshed.value = { state: 'failed', at }
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
    refreshed.value = { state: 'idle' }
    if (by === 'phoneSuffix') lastSuffix.value = value
    lastSearch.value = { by, value }
    const r = await pos.member.search({ by, value })
    if (mine !== generation) return
    if (!r.ok) {
      error.value = r.error
      return answered('error')
    }
    matches.value = r.value
    member.value = null
    const only = r.value.length === 1 ? r.value[0]!.phone : null
    if (only) {
      status.value = 'idle'
      return lookup(only.local)
    }
    answered('picking')
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
    hasAnswer.value = false
    editedSinceAnswer.value = false
    refreshed.value = { state: 'idle' }
  }

  /** Closes the "show to scanner" view; the POS may have redeemed the coupon, so check. */
  function closeCoupon(): void {
    if (!shownCoupon.value) return
    shownCoupon.value = null
    void refresh()
  }

  return {
    phoneDraft,
    status,
    member,
    error,
    lastPhone,
    matches,
    lastSuffix,
    lastSearch,
    shownCoupon,
    waitingForLive,
    previous,
    hasAnswer,
    answers,
    refreshed,
    noteEdit,
    lookup,
    retry,
    refresh,
    searchBySuffix,
    searchByVipId,
    showCoupon,
    closeCoupon,
    clear,
  }
})
