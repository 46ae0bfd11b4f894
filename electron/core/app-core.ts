import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type {
  AppInfo,
  EventName,
  EventPayloads,
  SettingsPatch,
  SettingsView,
  WindowPrefs,
} from '../shared/contract'
import { sharedMessage } from '../shared/messages'
import { startSandbox, type Sandbox } from '../sandbox/server'
import { AdminPin, type AdminPinEvent } from './admin-pin'
import { AuditLog, changedSettingKeys, type AuditEntry } from './audit'
import { ConnectionMonitor } from './connection'
import { testConnection } from './connection-test'
import { createDispatch, type Dispatch, type Handlers } from './dispatch'
import { AppFailure } from './errors'
import { createLogger, type Logger } from './log'
import { MemberCache } from './member-cache'
import { MemberService } from './members'
import { Notices, openNoticeStore } from './notices'
import { Outbox } from './outbox'
import { outboxItemView } from './outbox-entry'
import { SettingsService, type ApiCredentials, type SecretSealer } from './settings'
import { isUnreadableJsonObject, moveAside } from './storage/damaged'
import { FileKeyProtector, type KeyProtector } from './storage/key-protector'
import { LocalStore } from './storage/local-store'
import { migrateLegacyFiles } from './storage/migrate'
import type { RecordKind } from './storage/sealed-records'
import { Vault } from './storage/vault'
import { VendorClient } from './vendor/http'

// The composition root: every main-process service is created once, here, and wired to
// the contract's handlers. The Electron shell and browser mode both call createCore().

export interface CoreOptions {
  dataDir: string
  env: Record<string, string | undefined>
  shell: 'electron' | 'browser'
  keyProtector: KeyProtector
  version: string
  platform: string
  /** Timings for tests; the shells leave them at their defaults. */
  tuning?: CoreTuning
}

export interface CoreTuning {
  /** Connection probe while offline: first delay and cap (defaults 1 s and 15 s). */
  probeFirstDelayMs?: number
  probeMaxDelayMs?: number
  /** A call slower than this is 'degraded' (default 3 s). */
  slowMs?: number
  /** Outbox: sends at once (2), backoff base and cap (1 s, 60 s), earliest timer retry (1 s). */
  outboxConcurrency?: number
  outboxBaseDelayMs?: number
  outboxMaxDelayMs?: number
  outboxMinRetryDelayMs?: number
  /** Member cache: how long after a lookup its offline copy is written (default 1 s). */
  cacheFlushDelayMs?: number
}

/** What the Electron shell needs beyond the renderer's channels: its own settings, unguarded. */
export interface DesktopSettings {
  view(): SettingsView
  onChange(listener: (view: SettingsView) => void): () => void
  /** Where the window is now (moved, resized, display changed): saved quietly, no change event. */
  saveWindow(prefs: Partial<WindowPrefs>): void
  setShortcutRegistered(registered: boolean | null): void
}

export interface Core {
  dispatch: Dispatch
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void
  info(): AppInfo
  desktop: DesktopSettings
  log: Logger
  /** Records of a kind in the local database now (diagnostics and tests). */
  storedRecords(kind: RecordKind): Promise<number>
  /** The audit trail kept in the local database, oldest first (diagnostics and tests). */
  auditTrail(): AuditEntry[]
  close(): Promise<void>
}

/** Settings staff may change without the administrator PIN: their language and their window. */
export const STAFF_SETTINGS: ReadonlySet<string> = new Set(['language', 'window'])

function isStaffPatch(patch: SettingsPatch): boolean {
  return Object.entries(patch).every(([key, value]) => value === undefined || STAFF_SETTINGS.has(key))
}

/** The demo store: the built-in sandbox's flagship. */
export const DEMO_STORE_ID = '9920'
const DEMO_STORE_NAME = '信義旗艦店'

function openVaults(dataDir: string, protector: KeyProtector) {
  const keysDir = join(dataDir, 'keys')
  const can = protector.available()
  // The OS keyring protects everything when it can. When it cannot (Linux basic_text),
  // the secret is refused (see settings), but cached members and queued sign-ups still
  // need a key: they fall back to the 0600 key file, like browser mode.
  const dataVault = can.ok ? Vault.open(join(keysDir, protector.kind), protector) : Vault.open(join(keysDir, 'file'), new FileKeyProtector())
  const sealer: SecretSealer = {
    available: () => protector.available(),
    seal: (plain) => dataVault.seal(plain).toString('base64'),
    open: (sealed) => dataVault.open(Buffer.from(sealed, 'base64')).toString('utf8'),
  }
  return { dataVault, sealer }
}

/** A settings.json that cannot be read is kept aside: the app starts on environment and defaults, and says so. */
function keepDamagedSettingsAside(dataDir: string, notices: Notices): void {
  const file = join(dataDir, 'settings.json')
  if (isUnreadableJsonObject(file)) notices.raise('storage', 'settingsDamaged', { file: moveAside(file) })
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
  const log = createLogger({ dir: join(opts.dataDir, 'logs') })
  const notices = new Notices({ onRaise: (n) => log.warn({ code: n.code, params: n.params }, 'notice raised') })
  keepDamagedSettingsAside(opts.dataDir, notices)
  const { dataVault, sealer } = openVaults(opts.dataDir, opts.keyProtector)
  const settings = new SettingsService({ dataDir: opts.dataDir, env: opts.env, sealer })
  // The local database: notices first (so what opening finds damaged is kept), then the old
  // files moved in once, then each service's records.
  const store = await LocalStore.open({ dataDir: opts.dataDir, notices })
  const storage = { store, vault: dataVault, notices }
  await notices.attach(await openNoticeStore(storage))
  await migrateLegacyFiles(storage)
  const audit = await AuditLog.open({
    storage,
    onError: (e) => log.warn({ err: e instanceof Error ? e.message : String(e) }, 'audit write failed'),
  })
  const admin = new AdminPin({
    store: {
      loadPin: () => settings.get('adminPin'),
      savePin: (record) => settings.setInternal('adminPin', record),
      loadLockout: () => settings.get('adminLockout'),
      saveLockout: (record) => settings.setInternal('adminLockout', record),
    },
    localise: (key) => sharedMessage(settings.get('language'), key),
    onEvent: (e: AdminPinEvent) => {
      if (e.type === 'pinSet') audit.record('admin.pinSet', { changed: e.changed })
      else if (e.type === 'pinFailed') audit.record('admin.pinFailed', { failures: e.failures })
      else audit.record('admin.lockedOut', { until: e.until })
      log.info({ event: e.type }, 'admin pin')
    },
  })

  const tuning = opts.tuning ?? {}
  let closing = false
  const listeners = new Set<(name: EventName, payload: unknown) => void>()
  const emit = <E extends EventName>(name: E, payload: EventPayloads[E]) => {
    for (const l of listeners) l(name, payload)
  }

  // Demo mode: no API configured → the built-in sandbox, started on first use.
  let sandbox: Promise<Sandbox> | null = null
  let demoCredentials: ApiCredentials | null = null
  const isDemo = () => settings.apiCredentials() === null
  if (isDemo()) {
    sandbox = startSandbox()
    const s = await sandbox
    demoCredentials = {
      apiBaseUrl: s.apiBaseUrl,
      authUrl: s.authUrl,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      storeId: DEMO_STORE_ID,
    }
  }
  const credentials = (): ApiCredentials => {
    const live = settings.apiCredentials()
    if (live) return live
    if (!demoCredentials) throw new AppFailure('NOT_CONFIGURED', '')
    return { ...demoCredentials, storeId: settings.get('storeId') || DEMO_STORE_ID }
  }
  const storeId = () => credentials().storeId
  const safeStoreId = () => {
    try {
      return storeId()
    } catch {
      return ''
    }
  }

  let connection: ConnectionMonitor | null = null
  const vendor = new VendorClient({
    credentials,
    log,
    onOutcome: (o) => connection?.record(o),
  })
  // A token belongs to one set of credentials: drop it only when they change, not on
  // every settings change (language, scanner) — that would cost a token request each time.
  let credentialsKey = JSON.stringify(settings.apiCredentials())
  settings.onChange(() => {
    const next = JSON.stringify(settings.apiCredentials())
    if (next !== credentialsKey) vendor.resetToken()
    credentialsKey = next
  })

  const cache = await MemberCache.open({
    storage,
    retentionDays: () => settings.get('cacheRetentionDays'),
    flushDelayMs: tuning.cacheFlushDelayMs,
    // The copies stay in memory and are served; the next change or close() writes them again.
    onError: (e) => log.warn({ err: e instanceof Error ? e.message : String(e) }, 'member cache write failed'),
  })
  // A shorter retention takes effect on disk at once, not at the next lookup or start.
  let retentionDays = settings.get('cacheRetentionDays')
  settings.onChange(() => {
    const next = settings.get('cacheRetentionDays')
    if (next < retentionDays) {
      cache.prune().then(
        (removed) => removed > 0 && log.info({ removed }, 'cache pruned after retention change'),
        // Expired copies are still never served (get() checks the age); the next write retries.
        (e: unknown) => log.warn({ err: e instanceof Error ? e.message : String(e) }, 'cache prune failed'),
      )
    }
    retentionDays = next
  })
  let members: MemberService | null = null
  const outbox = await Outbox.open({
    storage,
    transport: {
      isMember: async (phone) => (await members!.findOrNull(phone)) !== null,
      create: async (form) => {
        const created = await members!.create(form)
        audit.record('signup.sent', { phone: form.phone, memberId: created.id, via: 'outbox' })
        return { memberId: created.id }
      },
    },
    onChange: (s) => emit('outbox:changed', s),
    concurrency: tuning.outboxConcurrency,
    baseDelayMs: tuning.outboxBaseDelayMs,
    maxDelayMs: tuning.outboxMaxDelayMs,
    // Pending items are retried on a timer, without staff action, while we are not offline;
    // when offline the connection probe's recovery drains (below).
    autoRetry: {
      canDrain: () => !closing && connection?.current().state !== 'offline',
      minDelayMs: tuning.outboxMinRetryDelayMs,
      onError: (e) => logDrainFailure(e),
    },
  })
  members = new MemberService({
    vendor: () => vendor,
    storeId,
    log,
    cache,
    outbox,
    isOffline: () => connection?.current().state === 'offline',
  })
  const memberService = members

  function logDrainFailure(e: unknown): void {
    log.error({ err: e instanceof Error ? e.message : String(e) }, 'outbox drain failed')
  }
  /** A drain nobody awaits: a failure (the outbox file could not be written) is logged, never unhandled. */
  function drainInBackground(): void {
    if (closing) return
    outbox.drain().catch(logDrainFailure)
  }

  connection = new ConnectionMonitor({
    // A light read: one GET (plus a token when none is held), no retries, logged at debug.
    probe: async () => {
      await vendor.request({ method: 'GET', path: '/v1/stores', retry: false, quiet: true })
    },
    // Any way back — the probe's success or any normal call succeeding — drains the outbox.
    onChange: (state, since) => {
      emit('connection:changed', { state, since })
      if (state !== 'offline') drainInBackground()
    },
    log,
    slowMs: tuning.slowMs,
    firstProbeDelayMs: tuning.probeFirstDelayMs,
    maxProbeDelayMs: tuning.probeMaxDelayMs,
  })
  // Anything left from a previous run goes out now; if the vendor cannot be reached, that
  // first call turns the state to offline and the probe takes over.
  drainInBackground()

  const info = (): AppInfo => ({
    name: 'Counter Companion',
    version: opts.version,
    mode: isDemo() ? 'demo' : 'live',
    shell: opts.shell,
    platform: opts.platform,
    language: settings.get('language'),
    storeId: isDemo() || settings.apiCredentials() ? safeStoreId() : settings.get('storeId'),
    storeName: settings.get('storeName') || (isDemo() ? DEMO_STORE_NAME : ''),
    connection: connection!.current(),
  })

  settings.onChange((view) => emit('settings:changed', view))
  notices.onChange((list) => emit('notices:changed', list))

  function changeSettings(patch: SettingsPatch): SettingsView {
    if (!isStaffPatch(patch)) admin.requireAdmin()
    const keys = changedSettingKeys(settings.view(), patch)
    const view = settings.update(patch)
    if (keys.length > 0) audit.record('settings.change', { keys })
    return view
  }

  async function discardOutboxItem(id: string): Promise<{ removed: boolean }> {
    const item = outbox.list().find((i) => i.id === id)
    const removed = await outbox.discard(id)
    if (removed && item) audit.record('outbox.discard', { itemId: id, phone: item.form.phone })
    return { removed }
  }

  /** Runs an admin-only handler: LOCKED unless no PIN is set yet or a session is open. */
  const adminOnly =
    <A, R>(handler: (arg: A) => R) =>
    (arg: A): R => {
      admin.requireAdmin()
      return handler(arg)
    }

  const handlers: Handlers = {
    'app:info': () => info(),
    'settings:get': () => settings.view(),
    'settings:set': (patch) => changeSettings(patch),
    'settings:setSecret': adminOnly(({ secret }: { secret: string }) => {
      const view = settings.setSecret(secret)
      audit.record('settings.change', { keys: ['clientSecret'] })
      return view
    }),
    // It may also store the store's name, and it spends the credentials: admin's.
    'settings:testConnection': adminOnly(() => testConnection({ credentials, vendor, members: memberService, settings })),
    'admin:status': () => admin.status(),
    'admin:setPin': ({ pin, currentPin }) => admin.setPin(pin, currentPin),
    'admin:unlock': ({ pin }) => admin.unlock(pin),
    'admin:lock': () => admin.lock(),
    'member:lookup': ({ phone }) => memberService.lookup(phone),
    'member:offlineCopy': ({ phone }) => ({ copy: memberService.offlineCopyOf(phone) }),
    'member:find': ({ phone }) => memberService.find(phone),
    'member:search': (arg) => memberService.search(arg),
    'member:signup': async (form) => {
      const outcome = await memberService.signup(form)
      if (outcome.status === 'created') {
        audit.record('signup.sent', { phone: form.phone, memberId: outcome.member.id, via: 'direct' })
      }
      return outcome
    },
    'stores:list': () => memberService.stores(),
    'cache:clear': adminOnly(async () => ({ removed: await cache.clear() })),
    // The renderer never gets a stored password: only whether an item has one.
    'outbox:list': () => outbox.list().map(outboxItemView),
    'outbox:sendNow': () => outbox.drain(),
    'outbox:resubmit': async ({ id, form }) => outboxItemView(await outbox.resubmit(id, form)),
    // Staff settle failed and conflicting sign-ups at the counter; each discard is audited.
    'outbox:discard': ({ id }) => discardOutboxItem(id),
    'notices:list': () => notices.list(),
    'notices:dismiss': ({ id }) => notices.dismiss(id),
  }

  const dispatch = createDispatch(handlers, { log, language: () => settings.get('language') })
  log.info({ shell: opts.shell, mode: info().mode }, 'core started')

  return {
    dispatch,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    info,
    log,
    storedRecords: (kind) => store.count(kind),
    auditTrail: () => audit.list(),
    desktop: {
      view: () => settings.view(),
      onChange: (listener) => settings.onChange(listener),
      saveWindow: (prefs) => settings.setInternal('window', { ...settings.get('window'), ...prefs }),
      setShortcutRegistered: (registered) => settings.setShortcutRegistered(registered),
    },
    async close() {
      closing = true
      connection?.close()
      await outbox.close()
      // Copies still waiting for the write-behind timer: a normal shutdown keeps them.
      await cache.flush().catch((e: unknown) => log.warn({ err: e instanceof Error ? e.message : String(e) }, 'member cache write failed'))
      await audit.close()
      await store.close()
      if (sandbox) await (await sandbox).close()
      log.flush()
    },
  }
}
