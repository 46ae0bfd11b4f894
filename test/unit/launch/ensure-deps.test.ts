import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { npmCommand } from '../../../resources/npm-command.mjs'

// A fresh clone's `npm start` installs node_modules first. On Windows `npm` is npm.cmd,
// which Node cannot spawn without a shell (EINVAL since CVE-2024-27980): npm is run as
// `node npm-cli.js` instead, with Windows' real paths here.

describe('running npm without a shell', () => {
  const nodeExe = 'C:\\Program Files\\nodejs\\node.exe'
  const npmCli = 'C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js'

  it('uses npm_execpath, as `npm start` sets it on Windows', () => {
    expect(npmCommand({ npm_execpath: npmCli }, nodeExe, 'win32', () => false)).toEqual({ command: nodeExe, args: [npmCli] })
  })

  it('finds the npm beside node.exe when npm_execpath is missing or is not npm (yarn, pnpm)', () => {
    const exists = (p: string) => p === npmCli
    expect(npmCommand({}, nodeExe, 'win32', exists)).toEqual({ command: nodeExe, args: [npmCli] })
    expect(npmCommand({ npm_execpath: 'C:\\Users\\dev\\AppData\\Roaming\\npm\\node_modules\\pnpm\\bin\\pnpm.cjs' }, nodeExe, 'win32', exists)).toEqual({ command: nodeExe, args: [npmCli] })
  })

  it('finds a Unix install\'s npm in ../lib/node_modules', () => {
    const cli = '/usr/local/lib/node_modules/npm/bin/npm-cli.js'
    expect(npmCommand({}, '/usr/local/bin/node', 'linux', (p) => p === cli)).toEqual({ command: '/usr/local/bin/node', args: [cli] })
    expect(npmCommand({}, '/usr/local/bin/node', 'linux', () => false)).toBeNull()
  })

  it('says so and exits non-zero when npm cannot run (a real process)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-fresh-clone-'))
    writeFileSync(join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}')
    const missingCli = join(dir, 'gone', 'npm-cli.js')
    const r = spawnSync(process.execPath, [resolve('resources/ensure-deps.mjs')], {
      cwd: dir,
      env: { PATH: '', npm_execpath: missingCli },
      encoding: 'utf8',
    })
    expect(r.status).not.toBe(0)
    expect(r.stdout).toContain('Installing dependencies (npm ci)…')
    expect(r.stderr).toMatch(/npm ci failed \(exit 1\); see npm's messages above\./)
  })
})
