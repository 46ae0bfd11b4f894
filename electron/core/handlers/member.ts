import { parseTaiwanMobile } from '../../shared/phone'
import type { Routes } from '../dispatch'
import type { CoreEvents } from '../events'
import type { Services } from '../services'

// Finding members: the counter's lookups, the offline copy, search and the store list.
// Each answered lookup is announced: the customer display may show that member, no other.

type MemberChannels = 'member:lookup' | 'member:offlineCopy' | 'member:find' | 'member:carrier' | 'member:search' | 'stores:list'

export function memberRoutes({ members }: Pick<Services, 'members'>, bus: CoreEvents): Routes<MemberChannels> {
  return {
    'member:lookup': {
      roles: ['staff'],
      admin: false,
      handle: async ({ phone }) => {
        const view = await members.lookup(phone)
        const parsed = parseTaiwanMobile(phone)
        if (parsed) bus.emit('member:lookedUp', { phone: parsed.local, view })
        return view
      },
    },
    'member:offlineCopy': { roles: ['staff'], admin: false, handle: ({ phone }) => ({ copy: members.offlineCopyOf(phone) }) },
    'member:find': { roles: ['staff'], admin: false, handle: ({ phone }) => members.find(phone) },
    'member:carrier': { roles: ['staff'], admin: false, handle: ({ phone }) => members.carrier(phone) },
    // Each search is audited with what was asked (a suffix, never a VIP id) and how many matched.
    'member:search': {
      roles: ['staff'],
      admin: false,
      handle: async (arg) => {
        const found = await members.search(arg)
        bus.emit('member:searched', arg.by === 'phoneSuffix' ? { by: arg.by, suffix: arg.value.trim(), matches: found.length } : { by: arg.by, matches: found.length })
        return found
      },
    },
    'stores:list': { roles: ['staff'], admin: false, handle: () => members.stores() },
  }
}
