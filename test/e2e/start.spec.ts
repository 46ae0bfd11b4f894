import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

// `npm start` (out/main/launch.js) as a real process. Where Electron cannot be had or
// cannot run: one clear sentence, then browser mode's URL — no stack trace, no hang. A
// shell script in ELECTRON_OVERRIDE_DIST_PATH stands in for the Electron binary and ends
// the way Electron does in each case (Linux: real signals).

const root = new URL('../..', import.meta.url).pathname
const URL_LINE = /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m

function launch(env: Record<string, string>): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, [join(root, 'out/main/launch.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POS_DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-start-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  return { proc, output: () => out }
}

/** A folder for ELECTRON_OVERRIDE_DIST_PATH holding an `electron` that runs `body`. */
function fakeElectron(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-fake-electron-'))
  writeFileSync(join(dir, 'electron'), `#!/bin/sh\n${body}\n`)
  chmodSync(join(dir, 'electron'), 0o755)
  return dir
}

const exited = (proc: ChildProcess) =>
  new Promise<number | null>((resolve) => (proc.exitCode !== null ? resolve(proc.exitCode) : proc.once('exit', (code) => resolve(code))))

test('without an Electron binary, start says so in one sentence and serves browser mode', async ({ page }) => {
  const { proc, output } = launch({ ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' })
  try {
    await expect.poll(output, { timeout: 15_000 }).toMatch(URL_LINE)
    const lines = output().trim().split('\n')
    expect(lines[0]).toBe('ELECTRON_OVERRIDE_DIST_PATH 指定的資料夾（/nonexistent）裡沒有 Electron 執行檔，改以瀏覽器模式啟動。')
    expect(output()).not.toMatch(/^\s+at /m)
    await page.goto(lines.find((l) => l.startsWith('http://127.0.0.1:'))!)
    await expect(page.getByTestId('demo-banner')).toBeVisible()
  } finally {
    proc.kill('SIGTERM')
  }
})

test('browser mode that cannot start prints why in one line and exits non-zero', async () => {
  // A data folder that cannot be created: POS_DATA_DIR under a regular file.
  const file = join(mkdtempSync(join(tmpdir(), 'cc-start-')), 'a-file')
  writeFileSync(file, 'not a folder')
  for (const [script, env] of [
    ['out/main/web.js', {}],
    ['out/main/launch.js', { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' }],
  ] as const) {
    const proc = spawn(process.execPath, [join(root, script)], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POS_DATA_DIR: join(file, 'data'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    proc.stderr!.on('data', (c: Buffer) => (err += c.toString()))
    expect(await exited(proc), script).toBe(1)
    expect(err, script).toMatch(/^瀏覽器模式無法啟動：.*(ENOTDIR|EEXIST|not a directory)/m)
    expect(err, script).not.toMatch(/^\s+at /m)
  }
})

test.describe('with an Electron stand-in', () => {
  test.skip(process.platform === 'win32', 'the stand-in is a shell script')

  test('Ubuntu 24.04 AppArmor: explains with the two commands and falls back to browser mode', async () => {
    const dist = fakeElectron(
      `echo "[4242:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that $(dirname "$0")/chrome-sandbox is owned by root and has mode 4755." >&2\nkill -TRAP $$`,
    )
    const { proc, output } = launch({ ELECTRON_OVERRIDE_DIST_PATH: dist, POS_LANG: 'en' })
    try {
      await expect.poll(output, { timeout: 15_000 }).toMatch(URL_LINE)
      const helper = join(dist, 'chrome-sandbox')
      expect(output()).toContain(
        `Ubuntu's AppArmor blocks Electron's sandbox (the development chrome-sandbox is not setuid): run sudo chown root:root ${helper} and sudo chmod 4755 ${helper}, then npm start again`,
      )
      expect(output()).not.toMatch(/^\s+at /m)
    } finally {
      proc.kill('SIGTERM')
    }
  })

  test('Electron gets a clean environment and XWayland in a Wayland session; its exit code is passed on', async () => {
    const dist = fakeElectron('{ env; echo "ARGS $*"; } > "$(dirname "$0")/seen.txt"\nexit 7')
    const { proc } = launch({ ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1', XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' })
    expect(await exited(proc)).toBe(7)
    const seen = readFileSync(join(dist, 'seen.txt'), 'utf8')
    expect(seen).not.toMatch(/^ELECTRON_RUN_AS_NODE=/m)
    expect(seen).toContain(`ARGS --ozone-platform=x11 ${root}`)
  })

  test('a crash on a signal is reported and exits non-zero, never 0', async () => {
    const { proc, output } = launch({ ELECTRON_OVERRIDE_DIST_PATH: fakeElectron('kill -SEGV $$'), POS_LANG: 'en' })
    expect(await exited(proc)).toBe(139)
    expect(output()).toContain('Electron stopped unexpectedly on signal SIGSEGV.')
  })

  test('SIGTERM to npm start reaches Electron, and start exits as stopped by it', async () => {
    const dist = fakeElectron(`trap 'echo got-term > "$(dirname "$0")/term.txt"; exit 0' TERM\necho ready\nwhile :; do sleep 0.1; done`)
    const { proc, output } = launch({ ELECTRON_OVERRIDE_DIST_PATH: dist })
    await expect.poll(output, { timeout: 10_000 }).toContain('ready')
    proc.kill('SIGTERM')
    // The stand-in traps TERM and exits 0: its code is what start reports.
    expect(await exited(proc)).toBe(0)
    expect(readFileSync(join(dist, 'term.txt'), 'utf8').trim()).toBe('got-term')
  })
})
