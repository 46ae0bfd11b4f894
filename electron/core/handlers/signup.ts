import type { Routes } from '../dispatch'
import type { CoreEvents } from '../events'
import { outboxItemView } from '../outbox-entry'
import type { Services } from '../services'

// Signing members up, and the outbox of sign-ups waiting for the vendor. Staff settle
// failed and conflicting sign-ups at the counter; each sent sign-up and each discard is
// announced for the audit trail.

type SignupChannels = 'member:signup' | 'outbox:list' | 'outbox:sendNow' | 'outbox:resubmit' | 'outbox:discard'

export function signupRoutes({ members, outbox }: Pick<Services, 'members' | 'outbox'>, bus: CoreEvents): Routes<SignupChannels> {
  return {
    'member:signup': {
      roles: ['staff'],
      admin: false,
      handle: async (form) => {
        const outcome = await members.signup(form)
        if (outcome.status === 'created') bus.emit('signup:sent', { phone: form.phone, memberId: outcome.member.id, via: 'direct' })
        return outcome
      },
    },
    // The renderer never gets a stored password: only whether an item has one.
    'outbox:list': { roles: ['staff'], admin: false, handle: () => outbox.list().map(outboxItemView) },
    'outbox:sendNow': { roles: ['staff'], admin: false, handle: () => outbox.drain() },
    'outbox:resubmit': { roles: ['staff'], admin: false, handle: async ({ id, form }) => outboxItemView(await outbox.resubmit(id, form)) },
    'outbox:discard': {
      roles: ['staff'],
      admin: false,
      handle: async ({ id }) => {
        const item = outbox.list().find((i) => i.id === id)
        const removed = await outbox.discard(id)
        if (removed && item) bus.emit('outbox:discarded', { itemId: id, phone: item.form.phone })
        return { removed }
      },
    },
  }
}
