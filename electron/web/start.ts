import { fileURLToPath } from 'node:url'
import { createCore, type Core } from '../core/app-core'
import { openConfStore, openSettingsFile } from '../core/settings-file'
import { defaultDataDir } from '../core/paths'
import { hasConnectionSettings } from '../core/settings'
import { FileKeyProtector } from '../core/storage/key-protector'
import { startDemoVendor } from '../sandbox/demo'
import { benchHooks } from './bench-hooks'
import { startWebHost, type WebHost } from './server'
import { errorMessage } from '../shared/errors'

// Browser mode: the same core services as the Electron shell, in plain Node, behind the
// loopback web host. The data key sits in a 0600 file (weaker than the OS keyring; see README).
// Settings are kept through conf (electron-store's own base); with nothing configured, the
// demo sandbox is started here, beside core.

declare const __APP_VERSION__: string | undefined

interface BrowserMode {
  core: Core
  host: WebHost
  close(): Promise<void>
}

async function startBrowserMode(env: Record<string, string | undefined> = process.env): Promise<BrowserMode> {
  const dataDir = env.POS_DATA_DIR || defaultDataDir(env)
  const settings = openSettingsFile(dataDir, openConfStore)
  const demo = hasConnectionSettings(env, settings.store.store) ? null : await startDemoVendor()
  const core = await createCore({
    dataDir,
    env,
    shell: 'browser',
    keyProtector: new FileKeyProtector(),
    settings,
    ...(demo ? { demo: demo.vendor } : {}),
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0',
    platform: process.platform,
  })
  const port = env.POS_WEB_PORT ? Number(env.POS_WEB_PORT) : 0
  const host = await startWebHost({
    dispatch: core.dispatch,
    onEvent: core.onEvent,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 0,
    ...(env.POS_BENCH_HOOKS === '1' ? { bench: benchHooks() } : {}),
  })
  return {
    core,
    host,
    async close() {
      await host.close()
      await core.close()
      await demo?.close()
    },
  }
}

/** Runs browser mode until SIGINT/SIGTERM, printing the URL to open on a line of its own. */
async function runBrowserMode(): Promise<void> {
  const mode = await startBrowserMode()
  const info = mode.core.info()
  const zh = info.language === 'zh-TW'
  process.stdout.write(
    `${zh ? '瀏覽器模式已啟動' : 'Browser mode is running'} (${info.mode === 'demo' ? 'DEMO' : 'live'}). ${zh ? '請用瀏覽器開啟：' : 'Open this URL:'}\n${mode.host.url}\n`,
  )
  let closing = false
  const stop = () => {
    if (closing) return
    closing = true
    void mode.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

/**
 * Browser mode from a command line (`npm run web`, or npm start's fallback): a start-up
 * that fails prints its reason in one line, in the staff's language, and exits non-zero.
 */
export function runBrowserModeOrExit(env: Record<string, string | undefined> = process.env): void {
  runBrowserMode().catch((e: unknown) => {
    const reason = errorMessage(e)
    console.error(env.POS_LANG === 'en' ? `Browser mode could not start: ${reason}` : `瀏覽器模式無法啟動：${reason}`)
    process.exit(1)
  })
}
