// The vendor's member database for one sandbox run: the seed plus whoever signs up.
// Mutable and in memory; every startSandbox() gets its own copy.

import type { SandboxSeed, SeedMember } from './seed'

/** A member as the sandbox keeps it: the seed's shape, for seeded and new members alike. */
export type MemberRecord = SeedMember & { seeded: boolean }

export interface RegistrationCount {
  /** Successful POST /v2/user creations for this phone. */
  created: number
  /** POST /v2/user attempts refused because the phone was already a member. */
  rejectedDuplicates: number
}

export class MemberDirectory {
  private readonly byPhone = new Map<string, MemberRecord>()
  private readonly registrations = new Map<string, RegistrationCount>()

  constructor(seed: SandboxSeed) {
    // structuredClone: sign-ups must never write into the caller's seed object.
    for (const m of structuredClone(seed.members)) this.byPhone.set(m.phone, { ...m, seeded: true })
  }

  /** `phone` in the local `09…` form. */
  findByPhone(phone: string): MemberRecord | undefined {
    return this.byPhone.get(phone)
  }

  /** Members whose local phone ends with `digits`, in seed/sign-up order. */
  findByPhoneSuffix(digits: string): MemberRecord[] {
    return [...this.byPhone.values()].filter((m) => m.phone.endsWith(digits))
  }

  findByVipId(vipId: string): MemberRecord[] {
    return [...this.byPhone.values()].filter((m) => m.vip_id === vipId)
  }

  has(phone: string): boolean {
    return this.byPhone.has(phone)
  }

  add(member: SeedMember): void {
    this.byPhone.set(member.phone, { ...member, seeded: false })
    this.count(member.phone).created++
  }

  /** Test hook: gives a member extra usable coupons with the given barcode codes. */
  addCoupons(phone: string, codes: string[], now: Date): boolean {
    const member = this.byPhone.get(phone)
    if (!member) return false
    const stamp = now.toISOString().slice(0, 19).replace('T', ' ')
    for (const code of codes) {
      member.login.coupon_list.push({
        serial: `test-${code}`,
        start_time: stamp,
        end_time: '2099-12-31 23:59:59',
        create_time: stamp,
        used_time: null,
        expired: '0',
        used: '0',
        title: `測試券 ${code}`,
        content: `測試券 ${code}`,
        comment: '',
        image: null,
        pos_code: code,
        offer: null,
        offer_value: null,
        cond_value: null,
        cond: null,
        require_spend: null,
        properties: '{}',
        cost: 0,
        multi_enable: false,
        barcode: { type: 'Code128', code },
        redeemable: true,
        id: `T-${code}`,
      })
    }
    return true
  }

  /** Test hook: the e-invoice carrier member data sends (null: none). */
  setCarrier(phone: string, carrier: string | null): boolean {
    const member = this.byPhone.get(phone)
    if (!member) return false
    member.carrier = carrier
    return true
  }

  /** Test hook: the POS redeemed one of a member's coupons (by its barcode code) at `usedTime`. */
  redeemCoupon(phone: string, code: string, usedTime: string): boolean {
    const coupon = this.byPhone.get(phone)?.login.coupon_list.find((c) => c.barcode.code === code)
    if (!coupon) return false
    coupon.used = '1'
    coupon.used_time = usedTime
    return true
  }

  noteDuplicateSignup(phone: string): void {
    this.count(phone).rejectedDuplicates++
  }

  registrationsOf(phone: string): RegistrationCount {
    return { ...(this.registrations.get(phone) ?? { created: 0, rejectedDuplicates: 0 }) }
  }

  /** How many members exist (seeded + signed up); used to mint ids. */
  get size(): number {
    return this.byPhone.size
  }

  private count(phone: string): RegistrationCount {
    let c = this.registrations.get(phone)
    if (!c) {
      c = { created: 0, rejectedDuplicates: 0 }
      this.registrations.set(phone, c)
    }
    return c
  }
}
