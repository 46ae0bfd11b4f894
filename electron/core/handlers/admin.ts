import type { Routes } from '../dispatch'
import type { Services } from '../services'

// The administrator PIN: status, first setting and changes, unlocking and locking.
// Setting a PIN checks the current one itself (none is needed on first run).

export function adminRoutes({ admin }: Pick<Services, 'admin'>): Routes<'admin:status' | 'admin:setPin' | 'admin:unlock' | 'admin:lock'> {
  return {
    'admin:status': { roles: ['staff'], admin: false, handle: () => admin.status() },
    'admin:setPin': { roles: ['staff'], admin: false, handle: ({ pin, currentPin }) => admin.setPin(pin, currentPin) },
    'admin:unlock': { roles: ['staff'], admin: false, handle: ({ pin }) => admin.unlock(pin) },
    'admin:lock': { roles: ['staff'], admin: false, handle: () => admin.lock() },
  }
}
