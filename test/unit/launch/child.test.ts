import { EventEmitter } from 'node:events'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronArgs, electronEnv, interpretExit, runElectron, signalExitCode, type SandboxFacts } from '../../../electron/launch/child'

// npm start's Electron child with real processes and real signals: a shell script stands in
// for the Electron binary and ends the way Electron does in each case.

const APPARMOR_FATAL =
  "[12345:0101/093000.123456:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /home/dev/counter/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755."

function fakeElectron(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-fake-electron-'))
  const exe = join(dir, 'electron')
  writeFileSync(exe, `#!/bin/sh\n${body}\n`)
  chmodSync(exe, 0o755)
  return exe
}

const quiet = { write: () => true }
const okFacts = (): SandboxFacts => ({ usernsRestricted: false, helperSetuid: true })
const ubuntu2404 = (): SandboxFacts => ({ usernsRestricted: true, helperSetuid: false })

describe('the child Electron process', () => {
  it('runs without ELECTRON_RUN_AS_NODE (it would start main as plain Node)', () => {
    const env = electronEnv({ PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1', POS_DATA_DIR: '/tmp/x' })
    expect(env).toEqual({ PATH: '/usr/bin', POS_DATA_DIR: '/tmp/x' })
  })

  it('asks for XWayland in an Ubuntu Wayland session, not on X11, not without an X server, not on Windows', () => {
    const wayland = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }
    expect(electronArgs('/home/dev/counter/', wayland, 'linux')).toEqual(['--ozone-platform=x11', '/home/dev/counter/'])
    expect(electronArgs('/home/dev/counter/', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, 'linux')).toEqual(['/home/dev/counter/'])
    expect(electronArgs('/home/dev/counter/', { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual(['/home/dev/counter/'])
    expect(electronArgs('C:\\counter\\', wayland, 'win32')).toEqual(['C:\\counter\\'])
  })

  it('passes the exit code through', async () => {
    const exe = fakeElectron('exit 3')
    expect(await runElectron({ exe, args: [], env: process.env, stderr: quiet, facts: okFacts })).toEqual({ kind: 'exited', code: 3 })
  })

  it('the environment it gets has no ELECTRON_RUN_AS_NODE', async () => {
    const exe = fakeElectron('[ -z "$ELECTRON_RUN_AS_NODE" ] && exit 0 || exit 9')
    expect(await runElectron({ exe, args: [], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stderr: quiet, facts: okFacts })).toEqual({ kind: 'exited', code: 0 })
  })

  it('recognises Ubuntu 24.04\'s AppArmor refusal: the FATAL line, then SIGTRAP', async () => {
    const exe = fakeElectron(`echo "${APPARMOR_FATAL}" >&2\nkill -TRAP $$`)
    const seen: string[] = []
    const r = await runElectron({ exe, args: [], env: process.env, platform: 'linux', stderr: { write: (c: string | Uint8Array) => (seen.push(String(c)), true) }, facts: okFacts })
    expect(r).toEqual({ kind: 'sandbox', signal: 'SIGTRAP', chromeSandbox: join(exe, '..', 'chrome-sandbox') })
    // Electron's own stderr still reaches the terminal.
    expect(seen.join('')).toContain('SUID sandbox helper binary')
  })

  it('also without the message, when AppArmor restricts user namespaces and chrome-sandbox is not setuid', async () => {
    const exe = fakeElectron('kill -TRAP $$')
    expect((await runElectron({ exe, args: [], env: process.env, platform: 'linux', stderr: quiet, facts: ubuntu2404 })).kind).toBe('sandbox')
    expect((await runElectron({ exe, args: [], env: process.env, platform: 'linux', stderr: quiet, facts: okFacts })).kind).toBe('crashed')
  })

  it('a crash on a signal is a crash, never success', async () => {
    const exe = fakeElectron('kill -SEGV $$')
    const r = await runElectron({ exe, args: [], env: process.env, platform: 'linux', stderr: quiet, facts: ubuntu2404 })
    expect(r).toEqual({ kind: 'crashed', signal: 'SIGSEGV' })
    expect(signalExitCode('SIGSEGV')).toBe(139)
  })

  it('passes SIGTERM and SIGINT on to Electron and reports them as stopped (143, 130)', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const exe = fakeElectron('exec sleep 30')
      const launcher = new EventEmitter()
      const running = runElectron({ exe, args: [], env: process.env, signals: launcher as never, stderr: quiet, facts: okFacts })
      await new Promise((r) => setTimeout(r, 200))
      launcher.emit(signal)
      expect(await running).toEqual({ kind: 'stopped', signal })
      expect(launcher.listenerCount(signal)).toBe(0)
    }
    expect(signalExitCode('SIGTERM')).toBe(143)
    expect(signalExitCode('SIGINT')).toBe(130)
  })

  it('on Windows leaves Ctrl+C to the console (which already told Electron) instead of killing it', async () => {
    const exe = fakeElectron('sleep 0.4\nexit 0')
    const launcher = new EventEmitter()
    const running = runElectron({ exe, args: [], env: process.env, platform: 'win32', signals: launcher as never, stderr: quiet, facts: okFacts })
    await new Promise((r) => setTimeout(r, 100))
    launcher.emit('SIGINT')
    // Still running: it ends on its own, with its own code.
    expect(await running).toEqual({ kind: 'exited', code: 0 })
  })

  it('reads a missing code as failure', () => {
    const ctx = { forwarded: null, stderrTail: '', platform: 'win32', exe: 'C:\\x\\electron.exe', facts: okFacts }
    expect(interpretExit(null, null, ctx)).toEqual({ kind: 'exited', code: 1 })
  })
})
