import type { WebContents } from 'electron'

// A page whose renderer process died (crash, out of memory, killed by a tool) is reloaded,
// and why it died goes to the log — at most a few times a minute, so a page that crashes
// at once does not spin. A preload that failed to load is logged too: the page then has no
// bridge and says so itself (src/api.ts).

export interface WatchLog {
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

const MAX_RELOADS_PER_MINUTE = 3

export function watchRenderer(
  contents: Pick<WebContents, 'on' | 'reload' | 'isDestroyed'>,
  log: WatchLog,
  now: () => number = Date.now,
): void {
  let reloads: number[] = []
  contents.on('render-process-gone', (_event, details) => {
    const { reason, exitCode } = details
    if (reason === 'clean-exit' || contents.isDestroyed()) {
      log.warn({ reason, exitCode }, 'renderer process gone')
      return
    }
    const t = now()
    reloads = reloads.filter((at) => t - at < 60_000)
    if (reloads.length >= MAX_RELOADS_PER_MINUTE) {
      log.error({ reason, exitCode, reloads: reloads.length }, 'renderer process gone again; not reloading')
      return
    }
    reloads.push(t)
    log.warn({ reason, exitCode }, 'renderer process gone; reloading the page')
    contents.reload()
  })
  contents.on('preload-error', (_event, preloadPath, error) => {
    log.error({ preloadPath, err: error.message }, 'preload failed to load')
  })
}
