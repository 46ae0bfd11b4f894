import { spawn } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { wantsXWayland, XWAYLAND_SWITCH } from '../shared/display-server'

// Runs the Electron app as npm start's child: a clean environment, XWayland on Wayland,
// Ctrl+C and `kill` passed on, and an exit that says what happened — Electron killed by
// a signal is never reported as success.

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
type ForwardedSignal = (typeof FORWARDED_SIGNALS)[number]

/** The child's environment: ELECTRON_RUN_AS_NODE (set by some tools) would run main as plain Node. */
export function electronEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...rest } = env
  return rest
}

export function electronArgs(appDir: string, env: Record<string, string | undefined>, platform: string): string[] {
  return [...(wantsXWayland(env, platform) ? [XWAYLAND_SWITCH] : []), appDir]
}

export type ElectronExit =
  | { kind: 'exited'; code: number }
  /** Stopped by a signal this launcher passed on (Ctrl+C, kill). */
  | { kind: 'stopped'; signal: NodeJS.Signals }
  /** Ubuntu 23.10+/24.04: AppArmor refuses the user namespaces and chrome-sandbox is not setuid root. */
  | { kind: 'sandbox'; signal: NodeJS.Signals; chromeSandbox: string }
  | { kind: 'crashed'; signal: NodeJS.Signals }

export interface SandboxFacts {
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns is 1. */
  usernsRestricted: boolean
  /** chrome-sandbox beside the binary is owned by root with the setuid bit. */
  helperSetuid: boolean
}

/** What the kernel and the dev chrome-sandbox say (Linux). */
function sandboxFacts(exe: string): SandboxFacts {
  let usernsRestricted = false
  try {
    usernsRestricted = readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8').trim() === '1'
  } catch {
    // Not Ubuntu's AppArmor knob: nothing restricts user namespaces this way.
  }
  let helperSetuid = false
  try {
    const st = statSync(join(dirname(exe), 'chrome-sandbox'))
    helperSetuid = st.uid === 0 && (st.mode & 0o4000) !== 0
  } catch {
    // No helper: Chromium needs user namespaces then.
  }
  return { usernsRestricted, helperSetuid }
}

/** Chromium's own words when it refuses to run without a sandbox. */
const SANDBOX_FATAL = /SUID sandbox helper binary|No usable sandbox|chrome-sandbox is owned by root/

export function interpretExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  ctx: { forwarded: NodeJS.Signals | null; stderrTail: string; platform: string; exe: string; facts: () => SandboxFacts },
): ElectronExit {
  if (signal === null) return { kind: 'exited', code: code ?? 1 }
  if (ctx.forwarded === signal) return { kind: 'stopped', signal }
  if (ctx.platform === 'linux') {
    const facts = ctx.facts()
    // Chromium's fatal sandbox check ends in a breakpoint trap (or an abort).
    const fatalSignal = signal === 'SIGTRAP' || signal === 'SIGABRT'
    if (SANDBOX_FATAL.test(ctx.stderrTail) || (fatalSignal && facts.usernsRestricted && !facts.helperSetuid)) {
      return { kind: 'sandbox', signal, chromeSandbox: join(dirname(ctx.exe), 'chrome-sandbox') }
    }
  }
  return { kind: 'crashed', signal }
}

/** The shell's convention for a process ended by a signal. */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 1)

export interface RunOptions {
  exe: string
  args: string[]
  env: Record<string, string | undefined>
  platform?: string
  /** Where SIGINT/SIGTERM arrive (the launcher's own process). */
  signals?: Pick<NodeJS.Process, 'on' | 'removeListener'>
  stderr?: Pick<NodeJS.WriteStream, 'write'>
  facts?: () => SandboxFacts
}

export function runElectron(opts: RunOptions): Promise<ElectronExit> {
  const signals = opts.signals ?? process
  const platform = opts.platform ?? process.platform
  // stderr is read (Chromium's sandbox message) and passed through as it comes.
  const child = spawn(opts.exe, opts.args, { env: electronEnv(opts.env), stdio: ['inherit', 'inherit', 'pipe'] })
  let stderrTail = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    ;(opts.stderr ?? process.stderr).write(chunk)
    stderrTail = (stderrTail + chunk.toString()).slice(-8192)
  })
  let forwarded: NodeJS.Signals | null = null
  const forward = (signal: ForwardedSignal) => () => {
    forwarded = signal
    // Windows has no signals to pass: the console already sent Ctrl+C to Electron too, and
    // child.kill() there would end it abruptly, skipping its orderly shutdown.
    if (platform !== 'win32') child.kill(signal)
  }
  const handlers = FORWARDED_SIGNALS.map((s) => [s, forward(s)] as const)
  for (const [s, h] of handlers) signals.on(s, h)
  return new Promise((resolve, reject) => {
    child.once('error', (e) => {
      for (const [s, h] of handlers) signals.removeListener(s, h)
      reject(e)
    })
    child.once('close', (code, signal) => {
      for (const [s, h] of handlers) signals.removeListener(s, h)
      resolve(interpretExit(code, signal, { forwarded, stderrTail, platform, exe: opts.exe, facts: opts.facts ?? (() => sandboxFacts(opts.exe)) }))
    })
  })
}
