import type { Routes } from '../dispatch'
import type { ScreenReports } from '../screens'
import type { Services } from '../services'

// The customer display. Staff put the member on their card in front of the customer (and
// take it away); the customer display reads what it shows and sends one thing: a phone
// number keyed on its keypad. These two channels are all the customer role may call.
// Settings asks which screens there are and where the customer display is.

type DisplayChannels = 'display:show' | 'display:coupon' | 'display:clear' | 'customer:screen' | 'customer:keyed' | 'screens:list'

export function displayRoutes({ display, screens }: Pick<Services, 'display'> & { screens: ScreenReports }): Routes<DisplayChannels> {
  return {
    'screens:list': { roles: ['staff'], admin: false, handle: () => screens.current() },
    'display:show': { roles: ['staff'], admin: false, handle: ({ phone }) => display.show(phone) },
    'display:coupon': { roles: ['staff'], admin: false, handle: ({ code }) => display.showCoupon(code) },
    'display:clear': { roles: ['staff'], admin: false, handle: () => display.clear() },
    'customer:screen': { roles: ['customer'], admin: false, handle: () => display.screen() },
    'customer:keyed': { roles: ['customer'], admin: false, handle: ({ phone }) => display.keyed(phone) },
  }
}
