import type { SettingsPatch } from '../../shared/contract'
import { STAFF_SETTINGS } from '../../shared/settings-form'
import { changedSettingKeys } from '../audit'
import { testConnection } from '../connection-test'
import type { Routes } from '../dispatch'
import type { CoreEvents } from '../events'
import type { Services } from '../services'

// Settings, the client secret, the connection test and clearing the member cache. Every
// change is announced (key names only) for the audit trail.

/** Decided on which keys are present, whatever their values: `{clientId: undefined}` is not a staff patch. */
function isStaffPatch(patch: SettingsPatch): boolean {
  return Object.keys(patch).every((key) => STAFF_SETTINGS.has(key))
}

type SettingsChannels = 'settings:get' | 'settings:set' | 'settings:setSecret' | 'settings:testConnection' | 'cache:clear'

export function settingsRoutes(
  s: Pick<Services, 'settings' | 'admin' | 'access' | 'vendor' | 'members' | 'cache'>,
  bus: CoreEvents,
): Routes<SettingsChannels> {
  const { settings } = s
  return {
    'settings:get': { roles: ['staff'], admin: false, handle: () => settings.view() },
    // The PIN is needed per patch: staff's own settings (STAFF_SETTINGS) go without it.
    'settings:set': {
      roles: ['staff'],
      admin: false,
      handle: (patch) => {
        if (!isStaffPatch(patch)) s.admin.requireAdmin()
        const before = settings.view()
        const keys = changedSettingKeys(before, patch)
        const view = settings.update(patch)
        // A new auth URL origin or client id cleared the secret bound to the old ones.
        if (before.secretSet && !view.secretSet) keys.push('clientSecret')
        if (keys.length > 0) bus.emit('settings:edited', { keys })
        return view
      },
    },
    'settings:setSecret': {
      roles: ['staff'],
      admin: true,
      handle: ({ secret }) => {
        const view = settings.setSecret(secret)
        bus.emit('settings:edited', { keys: ['clientSecret'] })
        return view
      },
    },
    // Open to staff as a read-only diagnosis (issue 17.7); only with the PIN (or before one
    // is set) does it also store the store's name it learns.
    'settings:testConnection': {
      roles: ['staff'],
      admin: false,
      handle: () => {
        const admin = s.admin.status()
        const remember = !admin.pinSet || admin.unlocked
        return testConnection({ credentials: s.access.credentials, vendor: s.vendor, members: s.members, settings, remember })
      },
    },
    'cache:clear': { roles: ['staff'], admin: true, handle: async () => ({ removed: await s.cache.clear() }) },
  }
}
