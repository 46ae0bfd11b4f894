import { homedir } from 'node:os'
import { join, win32 } from 'node:path'

const APP_DIR_NAME = 'counter-companion'

/** Where browser mode keeps its data when POS_DATA_DIR is not set: the platform's config folder. */
export function defaultDataDir(env: Record<string, string | undefined> = process.env, platform = process.platform): string {
  // Windows' separators wherever this runs (a test on Linux asks for the win32 answer too).
  if (platform === 'win32') return win32.join(env.APPDATA ?? win32.join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_DIR_NAME)
}
