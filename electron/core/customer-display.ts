import type { CustomerMember, CustomerScreen, Language } from '../shared/contract'
import { parseTaiwanMobile } from '../shared/phone'
import type { MemberView } from '../shared/types'
import { AppFailure } from './errors'

// The customer display's state, kept in main. It only ever shows the member staff last
// looked up and put on their card, reduced to what a customer may see at the counter
// (a masked name, points, the soonest expiry, the coupon shown to the scanner), and goes
// back to idle by itself after a minute without activity.

const CUSTOMER_IDLE_MS = 60_000

export interface CustomerDisplayOptions {
  language: () => Language
  storeName: () => string
  /** Every change of the screen, for the customer windows. */
  onChange: (screen: CustomerScreen) => void
  /** A phone the customer keyed, for the staff windows. */
  onKeyed: (phoneLocal: string) => void
}

/** `林小美` → `林○美`, `王美` → `王○`, `Wendy Li` → `W*** Li`, `Wendy` → `W***`. */
export function maskCustomerName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return ''
  if (words.length === 1 && !/^[A-Za-z]/.test(words[0]!)) {
    const chars = Array.from(words[0]!)
    if (chars.length === 1) return '○'
    if (chars.length === 2) return `${chars[0]}○`
    return `${chars[0]}${'○'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
  }
  const initial = (w: string) => `${Array.from(w)[0]}***`
  if (words.length === 1) return initial(words[0]!)
  return [...words.slice(0, -1).map(initial), words[words.length - 1]].join(' ')
}

function toCustomer(view: MemberView, couponCode: string | null): CustomerMember {
  const card = view.pointCard
  const coupon = couponCode === null ? null : view.coupons.find((c) => c.state === 'usable' && c.barcode?.code === couponCode)
  return {
    name: maskCustomerName(view.profile.name),
    points: card ? card.points : null,
    expiring: card?.expiring[0] ? { date: card.expiring[0].date, points: card.expiring[0].points } : null,
    coupon: coupon?.barcode ? { title: coupon.title, code: coupon.barcode.code } : null,
  }
}

export class CustomerDisplay {
  /** The member of the last staff lookup: the only one that can be shown. */
  private lastLookup: { phone: string; view: MemberView } | null = null
  private shown: { view: MemberView; coupon: string | null } | null = null
  private idleTimer: NodeJS.Timeout | null = null

  constructor(private readonly opts: CustomerDisplayOptions) {}

  screen(): CustomerScreen {
    return {
      language: this.opts.language(),
      storeName: this.opts.storeName(),
      member: this.shown ? toCustomer(this.shown.view, this.shown.coupon) : null,
    }
  }

  /** A staff lookup answered (live or the offline copy). */
  lookedUp(phoneLocal: string, view: MemberView): void {
    this.lastLookup = { phone: phoneLocal, view }
    // The member on show was refreshed: the customer sees the new points at once.
    if (this.shown && this.shown.view.profile.id === view.profile.id) this.change({ view, coupon: this.shown.coupon })
  }

  /** `display:show`: NOT_FOUND unless that phone is the last one staff looked up. */
  show(rawPhone: string): CustomerScreen {
    const phone = parseTaiwanMobile(rawPhone)
    if (!phone || this.lastLookup?.phone !== phone.local) throw new AppFailure('NOT_FOUND', '')
    const coupon = this.shown?.view.profile.id === this.lastLookup.view.profile.id ? this.shown.coupon : null
    return this.change({ view: this.lastLookup.view, coupon })
  }

  /** `display:coupon`: only a usable coupon of the member on show; anything else shows none. */
  showCoupon(code: string | null): CustomerScreen {
    if (!this.shown) return this.screen()
    return this.change({ view: this.shown.view, coupon: code })
  }

  clear(): CustomerScreen {
    return this.change(null)
  }

  /** `customer:keyed`: a valid mobile goes to the staff windows; anything else is refused. */
  keyed(rawPhone: string): { sent: true } {
    const phone = parseTaiwanMobile(rawPhone)
    if (!phone) throw new AppFailure('VALIDATION', '', { fields: { phone: 'phone.format' } })
    this.touch()
    this.opts.onKeyed(phone.local)
    return { sent: true }
  }

  /** Language or store name changed: the customer sees it at once. */
  refresh(): void {
    this.opts.onChange(this.screen())
  }

  close(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  private change(next: { view: MemberView; coupon: string | null } | null): CustomerScreen {
    this.shown = next
    if (next === null) this.lastLookup = null
    this.touch()
    const screen = this.screen()
    this.opts.onChange(screen)
    return screen
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    if (this.shown === null) return
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      this.change(null)
    }, CUSTOMER_IDLE_MS)
    this.idleTimer.unref?.()
  }
}
