import type { Routes } from '../dispatch'
import type { CoreEvents } from '../events'
import type { Services } from '../services'

// Finding members: the counter's lookups, the offline copy, search and the store list.

export function memberRoutes({ members }: Pick<Services, 'members'>, bus: CoreEvents): Routes<'member:lookup' | 'member:offlineCopy' | 'member:find' | 'member:carrier' | 'member:search' | 'stores:list'> {
  return {
    'member:lookup': { roles: ['staff'], admin: false, handle: ({ phone }) => members.lookup(phone) },
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
