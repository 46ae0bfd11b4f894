import type { Routes } from '../dispatch'
import type { Services } from '../services'

// The customer display. Staff put the member on their card in front of the customer (and
// take it away); the customer display reads what it shows and sends one thing: a phone
// number keyed on its keypad. These two channels are all the customer role may call.

type DisplayChannels = 'display:show' | 'display:coupon' | 'display:clear' | 'customer:screen' | 'customer:keyed'

export function displayRoutes({ display }: Pick<Services, 'display'>): Routes<DisplayChannels> {
  return {
    'display:show': { roles: ['staff'], admin: false, handle: ({ phone }) => display.show(phone) },
    'display:coupon': { roles: ['staff'], admin: false, handle: ({ code }) => display.showCoupon(code) },
    'display:clear': { roles: ['staff'], admin: false, handle: () => display.clear() },
    'customer:screen': { roles: ['customer'], admin: false, handle: () => display.screen() },
    'customer:keyed': { roles: ['customer'], admin: false, handle: ({ phone }) => display.keyed(phone) },
  }
}
