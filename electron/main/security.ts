import type { App, Session, Shell, WebContents, WebFrameMain } from 'electron'

// Everything a page could ask for is refused here, in one place: navigation, new windows,
// webviews, permissions. https links to an allowlisted host open in the system browser.

const EXTERNAL_ALLOWLIST = new Set<string>([])

function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && EXTERNAL_ALLOWLIST.has(u.hostname)
  } catch {
    return false
  }
}

export function guardWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // electronegativity: OPEN_EXTERNAL_JS_CHECK — only https URLs whose host is on
    // EXTERNAL_ALLOWLIST (empty today) ever reach openExternal; everything else is denied.
    if (isAllowedExternal(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

/** Applies the guards to every web contents the app ever creates. */
export function guardApp(app: App, shell: Pick<Shell, 'openExternal'>): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, shell))
}

/** The part of an IPC event the sender check reads. */
export interface SenderEvent {
  sender: Pick<WebContents, 'id'>
  senderFrame: Pick<WebFrameMain, 'parent' | 'processId' | 'routingId'> | null
}
/** One of the app's own windows (main, customer display, …) as the sender check sees it. */
export interface OwnWindow {
  isDestroyed(): boolean
  webContents: { id: number; mainFrame: Pick<WebFrameMain, 'processId' | 'routingId'> }
}

/**
 * Only the top-level page of one of the app's own windows may call main. Checked by
 * identity, never by comparing URLs: on Windows Chromium writes the page's `file:` URL with
 * an upper-case drive letter while Node's pathToFileURL keeps `c:` as typed, so a URL
 * compare refused every call of an app started from `c:\…`.
 */
export function isTrustedSender(event: SenderEvent, windows: Iterable<OwnWindow>): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  for (const win of windows) {
    if (win.isDestroyed() || win.webContents.id !== event.sender.id) continue
    const main = win.webContents.mainFrame
    // Compared by ids: Electron may hand out distinct wrapper objects for one frame.
    return main.processId === frame.processId && main.routingId === frame.routingId
  }
  return false
}
