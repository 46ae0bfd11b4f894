import { findElectron } from '../../electron/launch/binary'

// Whether the smoke test can run here, found the way npm start finds Electron — never by
// downloading it: ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron/path.txt + dist/.

export type ElectronHere = { exe: string; skip: null } | { exe: null; skip: string }

export function electronHere(env: Record<string, string | undefined> = process.env, platform = process.platform): ElectronHere {
  const lookup = findElectron(env)
  if (!lookup.found) {
    const where =
      lookup.why === 'override'
        ? `ELECTRON_OVERRIDE_DIST_PATH (${env.ELECTRON_OVERRIDE_DIST_PATH}) holds no Electron binary`
        : 'no Electron binary here (node_modules/electron has no path.txt and dist/; run npm start once where downloads work, or set ELECTRON_OVERRIDE_DIST_PATH)'
    return { exe: null, skip: where }
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { exe: null, skip: 'no display to open a window on: run it as xvfb-run -a npm run test:electron' }
  }
  return { exe: lookup.exe, skip: null }
}
