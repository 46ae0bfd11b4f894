// Linux desktops on Wayland (Ubuntu's default; Electron 38+ runs natively there) refuse
// window positions, always-on-top, moveTop and global shortcuts: the side panel, the
// bring-forward and the shortcut would silently fail. Under XWayland they all work, so
// every way the app is started on Linux asks for it: the npm start launcher, the
// installed menu entry (electron-builder.yml linux.executableArgs), the autostart entry,
// and main itself as the last resort (electron/main/app-setup.ts).

/** The Chromium switch that runs the app as an X11 client (under XWayland on Wayland). */
export const XWAYLAND_SWITCH = '--ozone-platform=x11'

function isWaylandSession(env: Record<string, string | undefined>): boolean {
  return env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY)
}

/**
 * Whether the app ended up a native Wayland client anyway (no X server to ask for, or
 * someone passed --ozone-platform=wayland): then Settings must say what it cannot do.
 */
export function runsNativelyOnWayland(env: Record<string, string | undefined>, platform: string, ozonePlatform: string): boolean {
  return platform === 'linux' && isWaylandSession(env) && ozonePlatform !== 'x11'
}

/**
 * Whether to ask for XWayland: a Linux Wayland session that also offers an X server
 * (`DISPLAY`; XWayland is on by default in GNOME and KDE). Without one, asking for X11
 * would stop the app from starting at all.
 */
export function wantsXWayland(env: Record<string, string | undefined>, platform: string): boolean {
  return platform === 'linux' && isWaylandSession(env) && Boolean(env.DISPLAY)
}
