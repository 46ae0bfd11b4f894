import type { Routes } from '../dispatch'
import type { Services } from '../services'

// Finding members: the counter's lookups, the offline copy, search and the store list.

export function memberRoutes({ members }: Pick<Services, 'members'>): Routes<'member:lookup' | 'member:offlineCopy' | 'member:find' | 'member:search' | 'stores:list'> {
  return {
    'member:lookup': { roles: ['staff'], admin: false, handle: ({ phone }) => members.lookup(phone) },
    'member:offlineCopy': { roles: ['staff'], admin: false, handle: ({ phone }) => ({ copy: members.offlineCopyOf(phone) }) },
    'member:find': { roles: ['staff'], admin: false, handle: ({ phone }) => members.find(phone) },
    'member:search': { roles: ['staff'], admin: false, handle: (arg) => members.search(arg) },
    'stores:list': { roles: ['staff'], admin: false, handle: () => members.stores() },
  }
}
