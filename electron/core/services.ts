import { join } from 'node:path'
import { sharedMessage } from '../shared/messages'
import { AdminPin } from './admin-pin'
import { AuditLog } from './audit'
import { recordAuditTrail } from './audit-trail'
import type { CoreOptions } from './app-core'
import { ConnectionMonitor } from './connection'
import { CustomerDisplay } from './customer-display'
import type { CoreEvents } from './events'
import { createLogger, type Logger } from './log'
import { MemberCache } from './member-cache'
import { memberTransport, MemberService } from './members'
import { Notices, openNoticeStore } from './notices'
import { Outbox } from './outbox'
import { SearchLimit } from './search-limit'
import { SettingsService, type SecretSealer } from './settings'
import { openConfStore, openSettingsFile } from './settings-file'
import { openDataVault } from './storage/data-vault'
import type { KeyProtector } from './storage/key-protector'
import { LocalStore } from './storage/local-store'
import { migrateLegacyFiles } from './storage/migrate'
import { Vault } from './storage/vault'
import { VendorClient } from './vendor/http'
import { vendorAccess } from './vendor-access'
import { errorMessage } from '../shared/errors'

// Every main-process service, created once, in dependency order. Services that react to
// each other do so through the event bus (see events.ts), never through late-bound
// references: the order below is the only order they can be built in.

export type Services = Awaited<ReturnType<typeof createServices>>

function secretSealer(dataVault: Vault, protector: KeyProtector): SecretSealer {
  return {
    available: () => protector.available(),
    seal: (plain) => dataVault.seal(plain).toString('base64'),
    open: (sealed) => dataVault.open(Buffer.from(sealed, 'base64')).toString('utf8'),
  }
}

export async function createServices(opts: CoreOptions, bus: CoreEvents) {
  const opened = opts.settings ?? openSettingsFile(opts.dataDir, openConfStore)
  const tuning = opts.tuning ?? {}
  const log = createLogger({ dir: join(opts.dataDir, 'logs') })
  const notices = new Notices({ onRaise: (n) => log.warn({ code: n.code, params: n.params }, 'notice raised') })
  notices.onChange((list) => bus.emit('notices:changed', list))
  if (opened.keptAside) notices.raise('storage', 'settingsDamaged', { file: opened.keptAside })
  const { vault: dataVault, sessionOnly } = openDataVault(opts.dataDir, opts.keyProtector, notices)
  const sealer = secretSealer(dataVault, opts.keyProtector)
  const settings = new SettingsService({ store: opened.store, dataDir: opts.dataDir, env: opts.env, sealer })
  // The local database: notices first (so what opening finds damaged is kept and said), then
  // the old whole-file storage moved in once, then each service's records.
  const store = sessionOnly ? await LocalStore.sessionOnly() : await LocalStore.open({ dataDir: opts.dataDir, notices })
  const storage = { store, vault: dataVault, notices }
  await notices.attach(await openNoticeStore(storage))
  await migrateLegacyFiles(storage)
  const audit = await AuditLog.open({
    storage,
    onError: (e) => log.warn({ err: errorMessage(e) }, 'audit write failed'),
  })
  recordAuditTrail(bus, audit, log)
  const admin = new AdminPin({
    store: {
      loadPin: () => settings.get('adminPin'),
      savePin: (record) => settings.setInternal('adminPin', record),
      loadLockout: () => settings.get('adminLockout'),
      saveLockout: (record) => settings.setInternal('adminLockout', record),
    },
    localise: (key) => sharedMessage(settings.get('language'), key),
    onEvent: (e) => bus.emit('admin:pin', e),
  })
  const access = vendorAccess(settings, opts.demo)
  const vendor = new VendorClient({
    credentials: access.credentials,
    log,
    onOutcome: (o) => bus.emit('vendor:outcome', o),
  })
  const connection = new ConnectionMonitor({
    // A light read: one GET (plus a token when none is held), no retries, logged at debug.
    probe: async () => {
      await vendor.request({ method: 'GET', path: '/v1/stores', retry: false, quiet: true })
    },
    onChange: (status) => bus.emit('connection:changed', status),
    log,
    slowMs: tuning.slowMs,
    firstProbeDelayMs: tuning.probeFirstDelayMs,
    maxProbeDelayMs: tuning.probeMaxDelayMs,
  })
  bus.on('vendor:outcome', (o) => connection.record(o))
  const isOffline = () => connection.current().state === 'offline'

  const cache = await MemberCache.open({
    storage,
    retentionDays: () => settings.get('cacheRetentionDays'),
    flushDelayMs: tuning.cacheFlushDelayMs,
    // The copies stay in memory and are served; the next change or close() writes them again.
    onError: (e) => log.warn({ err: errorMessage(e) }, 'member cache write failed'),
  })
  let closing = false
  /**
   * Whether the configuration can reach the vendor now. Asked from timers and events, so a
   * settings.json damaged while the app runs must answer "no", not throw where nobody catches.
   */
  const configWorks = () => {
    try {
      return access.configProblems().length === 0
    } catch (e) {
      log.warn({ err: errorMessage(e) }, 'settings unreadable')
      return false
    }
  }
  const logDrainFailure = (e: unknown) => log.error({ err: errorMessage(e) }, 'outbox drain failed')
  const signupDocumentedOnly = () => settings.get('signupDocumentedFieldsOnly')
  const transport = memberTransport({ vendor: () => vendor, storeId: access.storeId, log, signupDocumentedOnly })
  const outbox = await Outbox.open({
    storage,
    sessionOnly,
    transport: {
      isMember: transport.isMember,
      create: async (form) => {
        const created = await transport.create(form)
        bus.emit('signup:sent', { phone: form.phone, memberId: created.memberId, via: 'outbox' })
        return created
      },
    },
    onChange: (s) => bus.emit('outbox:changed', s),
    concurrency: tuning.outboxConcurrency,
    baseDelayMs: tuning.outboxBaseDelayMs,
    maxDelayMs: tuning.outboxMaxDelayMs,
    // Pending items are retried on a timer, without staff action, while we are not offline;
    // when offline the connection probe's recovery drains (below).
    // A live configuration that cannot work yet keeps them waiting without attempts.
    autoRetry: { canDrain: () => !closing && !isOffline() && configWorks(), minDelayMs: tuning.outboxMinRetryDelayMs, onError: logDrainFailure },
  })
  /** A drain nobody awaits: a failure (the outbox file could not be written) is logged, never unhandled. */
  const drainInBackground = () => {
    if (!closing && configWorks()) outbox.drain().catch(logDrainFailure)
  }
  // Any way back — the probe's success or any normal call succeeding — drains the outbox.
  bus.on('connection:changed', ({ state }) => {
    if (state !== 'offline') drainInBackground()
  })
  const searchLimit = new SearchLimit({
    message: (seconds) => sharedMessage(settings.get('language'), 'search.rateLimited').replace('{seconds}', String(seconds)),
    onRefused: (retryAfterSeconds) => bus.emit('member:searchRefused', { retryAfterSeconds }),
  })
  const members = new MemberService({
    vendor: () => vendor,
    storeId: access.storeId,
    log,
    cache,
    outbox,
    isOffline,
    beforeSuffixSearch: () => searchLimit.take(),
    carrierAlongside: true,
    signupDocumentedOnly,
  })
  const display = new CustomerDisplay({
    language: () => settings.get('language'),
    storeName: access.storeName,
    onChange: (screen) => bus.emit('customer:screen', screen),
    onKeyed: (phone) => bus.emit('customer:phoneKeyed', { phone }),
  })
  bus.on('member:lookedUp', ({ phone, view }) => display.lookedUp(phone, view))
  watchSettings({ settings, credentials: access.credentials, vendor, cache, log, bus, drainInBackground })
  bus.on('settings:changed', () => display.refresh())
  // Anything left from a previous run goes out now; if the vendor cannot be reached, that
  // first call turns the state to offline and the probe takes over.
  drainInBackground()
  // Until something answers the header says "checking"; a light probe settles it soon after
  // start unless that drain or a first lookup answers first.
  // The token is fetched at once (the first lookup need not wait for it); the check itself
  // waits, so the header says "checking" until the page is there to show it.
  if (tuning.startCheckDelayMs !== null) {
    vendor.warmUp()
    connection.checkSoon(tuning.startCheckDelayMs ?? 500)
  }

  return {
    log,
    notices,
    settings,
    audit,
    admin,
    access,
    vendor,
    connection,
    cache,
    outbox,
    members,
    display,
    store,
    async close() {
      closing = true
      display.close()
      connection.close()
      await outbox.close()
      // Copies still waiting for the write-behind timer: a normal shutdown keeps them.
      await cache.flush().catch((e: unknown) => log.warn({ err: errorMessage(e) }, 'member cache write failed'))
      await audit.close()
      await store.close()
      log.flush()
    },
  }
}

/** What a settings change sets off beyond the settings themselves. */
function watchSettings(d: {
  settings: SettingsService
  credentials: () => unknown
  vendor: VendorClient
  cache: MemberCache
  log: Logger
  bus: CoreEvents
  drainInBackground: () => void
}): void {
  const { settings, vendor, cache, log } = d
  const credentialsNow = () => {
    try {
      return JSON.stringify(d.credentials())
    } catch {
      return null // not configured (yet)
    }
  }
  // A token belongs to one set of credentials: drop it only when they change, not on
  // every settings change (language, scanner) — that would cost a token request each time.
  let credentialsKey = credentialsNow()
  // A shorter retention takes effect on disk at once, not at the next lookup or start.
  let retentionDays = settings.get('cacheRetentionDays')
  settings.onChange(() => {
    const next = credentialsNow()
    if (next !== credentialsKey) {
      vendor.resetToken()
      // The configuration works now (again): what waited in the outbox goes out.
      if (next !== null) d.drainInBackground()
    }
    credentialsKey = next
    const days = settings.get('cacheRetentionDays')
    if (days < retentionDays) {
      cache.prune().then(
        (removed) => removed > 0 && log.info({ removed }, 'cache pruned after retention change'),
        // Expired copies are still never served (get() checks the age); the next write retries.
        (e: unknown) => log.warn({ err: errorMessage(e) }, 'cache prune failed'),
      )
    }
    retentionDays = days
  })
  settings.onChange((view) => d.bus.emit('settings:changed', view))
}
