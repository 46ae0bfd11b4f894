import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runBrowserMode } from './start'

// `npm start`: launch the Electron app; where the Electron binary cannot be had (no
// download allowed, as on locked-down machines), say so in one sentence and run browser
// mode instead. Never a stack trace, never a hang.

const requireHere = createRequire(import.meta.url)

/** The Electron executable, downloading it once if the package has not yet; null when impossible. */
function electronBinary(): string | null {
  let pkgDir: string
  try {
    pkgDir = dirname(requireHere.resolve('electron/package.json'))
  } catch {
    return null
  }
  const located = () => {
    const pathFile = join(pkgDir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(exe) ? exe : null
  }
  // Electron's own override (a pre-installed runtime): used as is, never downloaded over.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const exe = join(override, process.platform === 'win32' ? 'electron.exe' : 'electron')
    return existsSync(exe) ? exe : null
  }
  const found = located()
  if (found) return found
  const install = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 })
  return install.status === 0 ? located() : null
}

const zh = (process.env.POS_LANG ?? 'zh-TW') !== 'en'
const exe = electronBinary()
if (exe) {
  // The project folder: Electron reads `main` from its package.json.
  const appDir = fileURLToPath(new URL('../..', import.meta.url))
  const child = spawn(exe, [appDir], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(
    zh
      ? '無法取得 Electron 執行檔（這台電腦不能下載），改以瀏覽器模式啟動。'
      : 'The Electron binary cannot be obtained on this machine (download blocked), so the app starts in browser mode instead.',
  )
  runBrowserMode().catch((e: unknown) => {
    console.error(`Browser mode could not start: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  })
}
