import * as v from 'valibot'
import {
  contract,
  fail,
  isChannel,
  ok,
  type ArgOf,
  type Channel,
  type Language,
  type Result,
  type ResultOf,
  type WindowRole,
} from '../shared/contract'
import { sharedMessage } from '../shared/messages'
import { isAppFailure } from './errors'
import type { Logger } from './log'

// The single entry point for every renderer call, used by the Electron IPC registration
// and by browser mode's socket bridge alike: check the caller's window role, validate the
// argument against the contract, check the administrator PIN where the route needs it, run
// the handler, and always answer with a result envelope — never a thrown error.

/** One channel's handler and who may call it; the per-domain modules in handlers/ declare them. */
interface Route<C extends Channel> {
  /** The window roles that may call it; any other gets FORBIDDEN before its argument is read. */
  roles: readonly WindowRole[]
  /** Needs the administrator (an open session, or no PIN set yet): LOCKED otherwise. */
  admin: boolean
  handle: (arg: ArgOf<C>) => Promise<ResultOf<C>> | ResultOf<C>
}

export type Routes<C extends Channel = Channel> = { [K in C]: Route<K> }

/** The caller's role comes from the host: main knows the sender's window, browser mode the socket's page. */
export type Dispatch = (channel: unknown, arg: unknown, role: WindowRole) => Promise<Result<unknown>>

export interface DispatchDeps {
  log: Logger
  language: () => Language
  /** Throws LOCKED unless the administrator may act now. */
  requireAdmin: () => void
}

/** Turns valibot issues into field → message key (schema messages that are keys are kept). */
function fieldErrors(issues: v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const path = issue.path?.map((p) => String(p.key)).join('.') || '_'
    // Stryker disable next-line Regex: the anchors. Every message a contract schema can give is a key (signup.tooLong) or valibot's own English ("Invalid type: Expected … but received …"), which starts with a capital and ends in a quote, a number or a type name, so a key-shaped part inside a longer message never occurs
    fields[path] ??= /^[a-z]+\.[A-Za-z]+$/.test(issue.message) ? issue.message : 'invalid'
  }
  return fields
}

export function createDispatch(routes: Routes, deps: DispatchDeps): Dispatch {
  // The language comes from the settings file: if that is damaged at run time, the answer
  // is still an envelope (in zh-TW), never a rejected promise.
  const language = (): Language => {
    try {
      return deps.language()
    } catch {
      return 'zh-TW'
    }
  }
  const localised = (code: Parameters<typeof sharedMessage>[1]) => sharedMessage(language(), code)

  return async (channel, arg, role) => {
    if (!isChannel(channel)) {
      return fail({ code: 'VALIDATION', message: localised('error.VALIDATION'), fields: { _: 'unknownChannel' } })
    }
    const route = routes[channel] as Route<Channel>
    if (!route.roles.includes(role)) {
      deps.log.warn({ channel, role }, 'ipc channel refused for this window role')
      return fail({ code: 'FORBIDDEN', message: localised('error.FORBIDDEN') })
    }
    const parsed = v.safeParse(contract[channel].arg, arg)
    if (!parsed.success) {
      deps.log.warn({ channel, issues: parsed.issues.length }, 'ipc argument rejected')
      return fail({ code: 'VALIDATION', message: localised('error.VALIDATION'), fields: fieldErrors(parsed.issues) })
    }
    const started = performance.now()
    try {
      if (route.admin) deps.requireAdmin()
      const value = await (route.handle as (a: unknown) => unknown)(parsed.output)
      deps.log.debug({ channel, ms: Math.round(performance.now() - started) }, 'ipc ok')
      return ok(value)
    } catch (e) {
      if (isAppFailure(e)) {
        deps.log.info({ channel, code: e.code, ms: Math.round(performance.now() - started) }, 'ipc failed')
        const error = e.toAppError()
        if (!error.message) error.message = localised(`error.${e.code}`)
        return fail(error)
      }
      deps.log.error({ channel, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'ipc crashed')
      return fail({ code: 'INTERNAL', message: localised('error.INTERNAL') })
    }
  }
}
