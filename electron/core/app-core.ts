import type { AppInfo, EventName, Notice, NoticeCode, ScreensReport, SettingsView, WindowPrefs } from '../shared/contract'
import { createDispatch, type Dispatch, type Routes } from './dispatch'
import { CoreEvents } from './events'
import { adminRoutes } from './handlers/admin'
import { appInfo, appRoutes } from './handlers/app'
import { displayRoutes } from './handlers/display'
import { memberRoutes } from './handlers/member'
import { settingsRoutes } from './handlers/settings'
import { signupRoutes } from './handlers/signup'
import type { AuditEntry } from './audit'
import type { Logger } from './log'
import { createScreenReports } from './screens'
import { createServices } from './services'
import type { OpenedSettings } from './settings-file'
import type { KeyProtector } from './storage/key-protector'
import type { RecordKind } from './storage/sealed-records'
import type { DemoVendor } from './vendor-access'

// The composition root: it creates the services (services.ts, which also subscribes the
// audit trail) and routes the contract's channels to the per-domain handler modules (handlers/*), each
// of which declares the window roles that may call it and whether it needs the
// administrator. It does nothing else. The Electron shell and browser mode both call createCore();
// they, not core, open the settings file and decide on demo mode, starting the sandbox beside
// core (core knows no fake vendor).

export interface CoreOptions {
  dataDir: string
  env: Record<string, string | undefined>
  shell: 'electron' | 'browser'
  keyProtector: KeyProtector
  /** The settings file as the host opened it (openSettingsFile: electron-store in the shell, conf in browser mode); conf when absent. */
  settings?: OpenedSettings
  /** Used only while no connection setting is stored or given: without it, that is a configuration problem. */
  demo?: DemoVendor
  version: string
  platform: string
  /** Timings for tests; the shells leave them at their defaults. */
  tuning?: CoreTuning
}

export interface CoreTuning {
  /** Connection probe while offline: first delay and cap (defaults 1 s and 15 s). */
  probeFirstDelayMs?: number
  probeMaxDelayMs?: number
  /** The start-up connection check's delay (default 500 ms); null: none (tests counting calls). */
  startCheckDelayMs?: number | null
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
interface DesktopSettings {
  view(): SettingsView
  onChange(listener: (view: SettingsView) => void): () => void
  /** Where the window is now (moved, resized, display changed): saved quietly, no change event. */
  saveWindow(prefs: Partial<WindowPrefs>): void
  setShortcutRegistered(registered: boolean | null): void
  /** What the desktop itself cannot do here (e.g. native Wayland), told to staff as a notice. */
  raiseNotice(code: NoticeCode, params?: Notice['params']): void
  /** The displays and where the customer display is now, for Settings (`screens:list`, `screens:changed`). */
  reportScreens(report: ScreensReport): void
}

export interface Core {
  /** Every window's calls, with the role of the window that made them. */
  dispatch: Dispatch
  /** The contract's push events; the hosts send each to the windows whose role receives it. */
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

export async function createCore(opts: CoreOptions): Promise<Core> {
  const bus = new CoreEvents()
  const s = await createServices(opts, bus)
  const { log, settings } = s
  const info = () => appInfo(s, opts)
  const screens = createScreenReports(opts.shell, bus)

  const routes: Routes = {
    ...appRoutes(info, s),
    ...memberRoutes(s, bus),
    ...displayRoutes({ display: s.display, screens }),
    ...signupRoutes(s, bus),
    ...settingsRoutes(s, bus),
    ...adminRoutes(s),
  }
  const dispatch = createDispatch(routes, {
    log,
    language: () => settings.get('language'),
    requireAdmin: () => s.admin.requireAdmin(),
  })
  log.info({ shell: opts.shell, mode: info().mode }, 'core started')

  return {
    dispatch,
    onEvent: (listener) => bus.onPush(listener),
    info,
    log,
    storedRecords: (kind) => s.store.count(kind),
    auditTrail: () => s.audit.list(),
    desktop: {
      view: () => settings.view(),
      onChange: (listener) => settings.onChange(listener),
      saveWindow: (prefs) => settings.setInternal('window', { ...settings.get('window'), ...prefs }),
      setShortcutRegistered: (registered) => settings.setShortcutRegistered(registered),
      raiseNotice: (code, params) => void s.notices.raise('desktop', code, params),
      reportScreens: (report) => screens.set(report),
    },
    close: () => s.close(),
  }
}
