import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runBrowserModeOrExit as browserMode } from '../web/start'
import { errorMessage } from '../shared/errors'
import { electronVersion, findElectron } from './binary'
import { electronArgs, runElectron, signalExitCode } from './child'
import { downloadElectron } from './download'
import { progressPrinter } from './progress'
import { launchLanguage, launchText } from './text'

// `npm start`: launch the Electron app. Where Electron cannot be had or cannot run (no
// download allowed, Ubuntu's AppArmor), say so in one sentence and run browser mode
// instead. Never a stack trace, never a hang, never "success" for a crash.

const env = process.env
const text = launchText[launchLanguage(env)]
// The project folder: Electron reads `main` from its package.json.
const appDir = fileURLToPath(new URL('../..', import.meta.url))

async function obtainElectron(): Promise<string | null> {
  const lookup = findElectron(env)
  if (lookup.found) return lookup.exe
  if (lookup.why === 'override') {
    console.log(text.overrideMissing(env.ELECTRON_OVERRIDE_DIST_PATH ?? ''))
    return null
  }
  if (!lookup.pkgDir) {
    console.log(text.noPackage)
    return null
  }
  const pkgDir = lookup.pkgDir
  console.log(text.downloading(electronVersion(pkgDir)))
  const progress = progressPrinter(process.stdout, text.progress)
  const got = await downloadElectron({ pkgDir, env, onProgress: (p) => progress.update(p) })
  progress.done()
  if (!got.ok) {
    console.log(text.download[got.kind](got))
    return null
  }
  console.log(text.unpacking)
  // install.js finds the zip in the cache just filled and unpacks it into dist/.
  const unpack = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'inherit', env })
  const after = findElectron(env, pkgDir)
  if (unpack.status !== 0 || !after.found) {
    console.log(text.unpackFailed(unpack.status))
    return null
  }
  return after.exe
}

async function main(): Promise<void> {
  const exe = await obtainElectron()
  if (!exe) return browserMode()
  let result
  try {
    result = await runElectron({ exe, args: electronArgs(appDir, env, process.platform), env })
  } catch (e) {
    console.log(text.spawnFailed(exe, (e as NodeJS.ErrnoException | null)?.code ?? errorMessage(e)))
    return browserMode()
  }
  switch (result.kind) {
    case 'exited':
      return process.exit(result.code)
    case 'stopped':
      return process.exit(signalExitCode(result.signal))
    case 'sandbox':
      console.log(text.sandbox(result.chromeSandbox))
      return browserMode()
    case 'crashed':
      console.error(text.crashed(result.signal))
      return process.exit(signalExitCode(result.signal))
  }
}

void main()
