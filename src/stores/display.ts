import { defineStore } from 'pinia'
import { watch } from 'vue'
import { pos } from '../api'
import { useLookupStore } from './lookup'
import { useNavStore } from './nav'

// The staff window's side of the customer display: what is on the staff card goes on the
// customer display (main masks it), a cleared lookup clears it, the coupon shown to the
// scanner shows there too; and a phone the customer keys is looked up here exactly as if
// staff had typed it.
export const useDisplayStore = defineStore('display', () => {
  const lookup = useLookupStore()
  const nav = useNavStore()

  /** Called once by the staff window's root: the watches live as long as the window. */
  function follow(): void {
    // A staff window starts with an empty card: so does the customer display.
    void pos.display.clear()
    watch(
      () => [lookup.status, lookup.member, lookup.lastPhone] as const,
      ([status, member, phone]) => {
        if (status === 'found' && member && phone) void pos.display.show({ phone })
        else if (status === 'idle' || status === 'not-member' || status === 'picking') void pos.display.clear()
      },
    )
    // Staff started on the next customer: the previous one's card leaves the customer's view.
    watch(
      () => lookup.previous,
      (previous) => void (previous && pos.display.clear()),
    )
    watch(
      () => lookup.shownCoupon?.code ?? null,
      (code) => void pos.display.coupon({ code }),
    )
    pos.on('customer:phoneKeyed', ({ phone }) => {
      nav.go('lookup')
      lookup.phoneDraft = phone
      void lookup.lookup(phone)
    })
  }

  return { follow }
})
