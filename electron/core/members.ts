import type { SearchArgSchema, SignupOutcome } from '../shared/contract'
import { maskPhone, parseTaiwanMobile } from '../shared/phone'
import { validateSignup } from '../shared/signup-form'
import type { MemberSummary, MemberView, SignupForm, Store } from '../shared/types'
import type * as v from 'valibot'
import { AppFailure } from './errors'
import type { Logger } from './log'
import type { MemberCache } from './member-cache'
import type { Outbox, OutboxTransport } from './outbox'
import { mayHaveReachedVendor, type VendorClient } from './vendor/http'
import {
  normalizeLogin,
  normalizeMemberData,
  normalizeMemberSearch,
  normalizeStores,
  VendorPayloadError,
} from './vendor/normalize'
import { normalizeSignupResponse, toSignupRequestBody } from './vendor/signup-wire'

// The member endpoints, one method each, in the app's own types. Offline: lookups fall
// back to the encrypted cache, sign-ups go to the outbox.

export interface MemberServiceDeps {
  vendor: () => VendorClient
  storeId: () => string
  log: Logger
  cache: MemberCache
  outbox: Outbox
  now?: () => Date
  /** Called before each last-three-digits search goes to the vendor: throws when over the limit. */
  beforeSuffixSearch?: () => void
  /** True while the connection monitor knows the vendor cannot be reached. */
  isOffline?: () => boolean
  /**
   * Fetch member data (GET /v1/user/ocard) beside every login, for the e-invoice carrier
   * the login does not carry. Off in unit rigs that count the login's calls alone.
   */
  carrierAlongside?: boolean
  /** The setting "send only documented sign-up fields" (leaves `phone_carrier` out). */
  signupDocumentedOnly?: () => boolean
}

/** The member-data fetch started beside a login; `settled` once its answer (or failure) is in. */
interface MemberDataFetch {
  promise: Promise<MemberSummary | null | undefined>
  settled: boolean
  /** undefined: it failed, so nothing is known. */
  value: MemberSummary | null | undefined
}

/** Failures that mean "we could not talk to the vendor", as opposed to "the vendor said no". */
const isUnreachable = (e: unknown): e is AppFailure =>
  e instanceof AppFailure && (e.code === 'OFFLINE' || e.code === 'TIMEOUT' || e.code === 'TLS' || (e.status ?? 0) >= 500)

type VendorDeps = Pick<MemberServiceDeps, 'vendor' | 'storeId' | 'log' | 'signupDocumentedOnly'>

function requireStore(deps: VendorDeps): string {
  const storeId = deps.storeId()
  if (!storeId) throw new AppFailure('NOT_CONFIGURED', '')
  return storeId
}

async function findMemberOrNull(deps: VendorDeps, phoneLocal: string): Promise<MemberSummary | null> {
  const { body, status } = await deps.vendor().request({
    method: 'GET',
    path: '/v1/user/ocard',
    params: { shop_id: requireStore(deps), mobile: phoneLocal },
    retry: true,
  })
  // 204 / empty: nothing found, like the documented all-null answer.
  if (status === 204 || body === null) return null
  return normalizeMemberData(body)
}

/** One POST /v2/user, no retry. */
async function createMember(deps: VendorDeps, form: SignupForm, storeId = requireStore(deps)) {
  const { body, status } = await deps.vendor().request({
    method: 'POST',
    path: '/v2/user',
    body: toSignupRequestBody(form, storeId, { documentedOnly: deps.signupDocumentedOnly?.() ?? false }),
    retry: false,
  })
  // A 2xx without a body: probably created; the caller queues it for find-before-send.
  if (status === 204 || body === null) throw new VendorPayloadError('POST /v2/user: an empty answer')
  const created = normalizeSignupResponse(body)
  deps.log.info({ phoneMasked: maskPhone(form.phone), memberId: created.id }, 'sign-up sent')
  return created
}

/**
 * The outbox's two vendor calls (find before send, then create once), on the vendor alone:
 * the outbox exists before the MemberService that queues into it.
 */
export function memberTransport(deps: VendorDeps): OutboxTransport {
  return {
    isMember: async (phoneLocal) => (await findMemberOrNull(deps, phoneLocal)) !== null,
    create: async (form) => ({ memberId: (await createMember(deps, form)).id }),
  }
}

function phoneOrFail(raw: string) {
  const phone = parseTaiwanMobile(raw)
  if (!phone) throw new AppFailure('VALIDATION', '', { fields: { phone: 'phone.format' } })
  return phone
}

export class MemberService {
  private readonly now: () => Date
  /** Member-data fetches still running after their login answered, by local phone. */
  private readonly pendingDetails = new Map<string, MemberDataFetch>()

  constructor(private readonly deps: MemberServiceDeps) {
    this.now = deps.now ?? (() => new Date())
  }

  private requireStore(): string {
    return requireStore(this.deps)
  }

  /** `member:lookup`: the full view; the offline copy when the vendor cannot be reached. */
  async lookup(rawPhone: string): Promise<MemberView> {
    const phone = phoneOrFail(rawPhone)
    const storeId = this.requireStore()
    // Already known to be offline: the offline copy at once, rather than after retries and
    // backoff that cannot succeed (the probe notices the vendor's return within 15 s).
    if (this.deps.isOffline?.()) {
      const cached = this.deps.cache.get(phone.local)
      if (cached) return this.offlineCopy(phone.local, cached)
    }
    const details = this.deps.carrierAlongside ? this.memberDataFetch(phone.local) : null
    try {
      const { body, status } = await this.deps.vendor().request({
        method: 'POST',
        path: '/v1/user/ocard/login',
        body: { store_id: storeId, phone_number: phone.local },
        retry: true,
      })
      // 204 / an empty answer to a login: nothing found (a dialect some backends speak).
      if (status === 204) throw new AppFailure('NOT_FOUND', '', { status })
      let view: MemberView
      try {
        view = normalizeLogin(body, { storeId, now: this.now() })
      } catch (e) {
        throw await this.notAMemberIfSo(e, details)
      }
      this.withCarrier(phone.local, view, details)
      this.deps.cache.put(phone.local, view)
      return view
    } catch (e) {
      if (!isUnreachable(e)) throw e
      const cached = this.deps.cache.get(phone.local)
      if (!cached) throw e
      return this.offlineCopy(phone.local, cached)
    }
  }

  /** Starts GET /v1/user/ocard now; never rejects (a failure only means the carrier stays unknown). */
  private memberDataFetch(phoneLocal: string): MemberDataFetch {
    const fetch: MemberDataFetch = { promise: Promise.resolve(undefined), settled: false, value: undefined }
    fetch.promise = this.findOrNull(phoneLocal).then(
      (m) => m,
      () => undefined,
    ).then((m) => {
      fetch.settled = true
      fetch.value = m
      return m
    })
    return fetch
  }

  /**
   * A login refused in the vendor's words (a 200 `{"message"}`), while member data says
   * "not a member": that is the not-a-member answer in the errors-as-200 dialect.
   */
  private async notAMemberIfSo(e: unknown, details: MemberDataFetch | null): Promise<unknown> {
    if (!(e instanceof AppFailure) || !e.fromVendor || e.status !== 200 || !details) return e
    const member = await details.promise
    if (member !== null) return e
    this.deps.log.info({ endpoint: 'POST /v1/user/ocard/login' }, 'vendor refusal read as not a member (member data agrees)')
    return new AppFailure('NOT_FOUND', e.message, { status: 200, fromVendor: true })
  }

  /**
   * The carrier, when member data has already answered; else left unknown (never waited for)
   * and, when it comes, written into the offline copy for `member:carrier` and later outages.
   */
  private withCarrier(phoneLocal: string, view: MemberView, details: MemberDataFetch | null): void {
    if (!details || view.profile.carrier) return
    if (details.settled) {
      if (details.value !== undefined) view.profile.carrier = details.value?.carrier ?? null
      else delete view.profile.carrier
      return
    }
    delete view.profile.carrier
    this.pendingDetails.set(phoneLocal, details)
    void details.promise.then((m) => {
      if (this.pendingDetails.get(phoneLocal) === details) this.pendingDetails.delete(phoneLocal)
      if (m === undefined) return
      this.deps.cache.amend(phoneLocal, (cached) =>
        cached.profile.id === view.profile.id ? { ...cached, profile: { ...cached.profile, carrier: m?.carrier ?? null } } : cached,
      )
    })
  }

  /**
   * `member:carrier`: the e-invoice carrier of a member just looked up: from the member-data
   * fetch started beside the login, else the offline copy, else asked now.
   */
  async carrier(rawPhone: string): Promise<{ carrier: string | null }> {
    const phone = phoneOrFail(rawPhone)
    const pending = this.pendingDetails.get(phone.local)
    if (pending) {
      const m = await pending.promise
      if (m !== undefined) return { carrier: m?.carrier ?? null }
    }
    const cached = this.deps.cache.get(phone.local)?.view.profile.carrier
    if (cached !== undefined) return { carrier: cached }
    const m = await this.findOrNull(phone.local)
    return { carrier: m?.carrier ?? null }
  }

  /**
   * `member:offlineCopy`: the copy a lookup would fall back to, without asking the vendor,
   * or null. The renderer shows it while a live lookup is slow (a hung network can take the
   * whole 9 s deadline), marked as a copy, until the live answer replaces it.
   */
  offlineCopyOf(rawPhone: string): MemberView | null {
    const phone = phoneOrFail(rawPhone)
    const cached = this.deps.cache.get(phone.local)
    return cached ? this.offlineCopy(phone.local, cached) : null
  }

  private offlineCopy(phoneLocal: string, cached: { view: MemberView; ageMs: number }): MemberView {
    this.deps.log.info({ phoneMasked: maskPhone(phoneLocal), ageMs: cached.ageMs }, 'offline copy served')
    return { ...cached.view, source: 'cache' }
  }

  /** `member:find`: the short view; NOT_FOUND for the vendor's all-null "not a member". */
  async find(rawPhone: string): Promise<MemberSummary> {
    const phone = phoneOrFail(rawPhone)
    const member = await this.findOrNull(phone.local)
    if (!member) throw new AppFailure('NOT_FOUND', '')
    return member
  }

  findOrNull(phoneLocal: string): Promise<MemberSummary | null> {
    return findMemberOrNull(this.deps, phoneLocal)
  }

  /** `member:search`: by the last three digits of a phone, or a full VIP id. */
  async search(arg: v.InferOutput<typeof SearchArgSchema>): Promise<MemberSummary[]> {
    const value = arg.value.trim()
    if (arg.by === 'phoneSuffix' && !/^\d{3}$/.test(value)) {
      throw new AppFailure('VALIDATION', '', { fields: { value: 'search.suffix' } })
    }
    if (arg.by === 'vipId' && !/^[\w-]{1,64}$/.test(value)) {
      throw new AppFailure('VALIDATION', '', { fields: { value: 'search.vipId' } })
    }
    if (arg.by === 'phoneSuffix') this.deps.beforeSuffixSearch?.()
    try {
      const { body } = await this.deps.vendor().request({
        method: 'GET',
        path: '/v1/user/members',
        params: { type: arg.by === 'phoneSuffix' ? 'PHONE_NUMBER' : 'VIP_ID', id: value },
        retry: true,
      })
      return body === null ? [] : normalizeMemberSearch(body)
    } catch (e) {
      // "Nothing found" is an empty pick list, not an error.
      if (e instanceof AppFailure && e.code === 'NOT_FOUND') return []
      throw e
    }
  }

  /**
   * `member:signup`: validated here before anything is sent, posted once (never retried
   * blindly); if the vendor cannot be reached the form goes to the durable outbox, whose
   * sender checks `member:find` before every send so nothing is created twice.
   */
  async signup(form: SignupForm): Promise<SignupOutcome> {
    const problems = validateSignup(form, this.now())
    if (Object.keys(problems).length > 0) throw new AppFailure('VALIDATION', '', { fields: problems })
    try {
      const created = await this.create(form)
      return { status: 'created', member: created }
    } catch (e) {
      // A 2xx we cannot read (204, empty, broken): the member was probably created. The
      // outbox's find-before-send settles it rather than staff sending it again.
      if (e instanceof VendorPayloadError) {
        const item = await this.deps.outbox.enqueue(form, { sentOnce: true })
        this.deps.log.warn({ phoneMasked: maskPhone(form.phone), outboxId: item.id }, 'sign-up answer unreadable; queued to check')
        return { status: 'queued', outboxId: item.id }
      }
      // A live configuration that cannot work yet (a missing or unreadable secret) keeps the
      // sign-up too: it is sent once the configuration works, never lost, never faked.
      const notConfigured = e instanceof AppFailure && e.code === 'NOT_CONFIGURED'
      if (!isUnreachable(e) && !notConfigured) throw e
      // This counter's offline copy knows the number: queueing it would only end as a
      // conflict later, unseen. Say so now, while the customer is at the counter.
      const phone = parseTaiwanMobile(form.phone)
      if (phone && this.deps.cache.get(phone.local)) {
        throw new AppFailure('CONFLICT', '', { fields: { phone: 'signup.memberOffline' } })
      }
      // The POST may or may not have reached the vendor: the outbox's find-before-send
      // settles it without a second member.
      // A dropped connection counts too: the sandbox (like a real vendor) may have created the
      // member before the answer was lost, and the outbox must then take it as ours.
      const item = await this.deps.outbox.enqueue(form, { sentOnce: mayHaveReachedVendor(e) })
      this.deps.log.info({ phoneMasked: maskPhone(form.phone), outboxId: item.id, code: e.code }, 'sign-up queued')
      return { status: 'queued', outboxId: item.id }
    }
  }

  /** One POST /v2/user, no retry. */
  create(form: SignupForm, storeId = this.requireStore()) {
    return createMember(this.deps, form, storeId)
  }

  async stores(): Promise<Store[]> {
    const { body } = await this.deps.vendor().request({ method: 'GET', path: '/v1/stores', retry: true })
    return normalizeStores(body)
  }
}
