import type { App, Session, Shell, WebContents, WebFrameMain } from 'electron'

// Everything a page could ask for is refused here, in one place: navigation, new windows,
// webviews, permissions. https links to an allowlisted host open in the system browser.

const EXTERNAL_ALLOWLIST = new Set<string>([])

export function isAllowedExternal(url: string): boolean {
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

/** Only the app's own top-level page may call main. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, appUrl: string): boolean {
  if (!frame || frame.parent !== null) return false
  try {
    const u = new URL(frame.url)
    const expected = new URL(appUrl)
    return u.protocol === expected.protocol && u.host === expected.host && u.pathname === expected.pathname
  } catch {
    return false
  }
}
