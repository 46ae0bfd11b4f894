import type { App } from 'electron'

/**
 * One app per counter PC: the first launch holds the lock; a second launch quits at once
 * and the first one comes forward instead (onSecondLaunch). Returns whether this process
 * is the one to keep running.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  onSecondLaunch: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => onSecondLaunch())
  return true
}
