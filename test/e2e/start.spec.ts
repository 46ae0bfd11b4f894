import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

// `npm start` where Electron cannot be had: one clear sentence, then browser mode's URL —
// no stack trace, no hang.
test('without an Electron binary, start says so in one sentence and serves browser mode', async ({ page }) => {
  const root = new URL('../..', import.meta.url).pathname
  const proc = spawn(process.execPath, [join(root, 'out/main/launch.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POS_DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-start-')), ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()))
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()))
  try {
    await expect.poll(() => out, { timeout: 15_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m)
    const lines = out.trim().split('\n')
    expect(lines[0]).toBe('無法取得 Electron 執行檔（這台電腦不能下載），改以瀏覽器模式啟動。')
    expect(out).not.toMatch(/^\s+at /m)
    const url = lines.find((l) => l.startsWith('http://127.0.0.1:'))!
    await page.goto(url)
    await expect(page.getByTestId('demo-banner')).toBeVisible()
  } finally {
    proc.kill('SIGTERM')
  }
})
