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
} from '../shared/contract'
import { sharedMessage } from '../shared/messages'
import { isAppFailure } from './errors'
import type { Logger } from './log'

// The single entry point for every renderer call, used by the Electron IPC registration
// and by browser mode's HTTP bridge alike: validate the argument against the contract,
// run the handler, and always answer with a result envelope — never a thrown error.

export type Handlers = {
  [C in Channel]: (arg: ArgOf<C>) => Promise<ResultOf<C>> | ResultOf<C>
}

export type Dispatch = (channel: unknown, arg: unknown) => Promise<Result<unknown>>

/** Turns valibot issues into field → message key (schema messages that are keys are kept). */
function fieldErrors(issues: v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const path = issue.path?.map((p) => String(p.key)).join('.') || '_'
    fields[path] ??= /^[a-z]+\.[A-Za-z]+$/.test(issue.message) ? issue.message : 'invalid'
  }
  return fields
}

export function createDispatch(handlers: Handlers, deps: { log: Logger; language: () => Language }): Dispatch {
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

  return async (channel, arg) => {
    if (!isChannel(channel)) {
      return fail({ code: 'VALIDATION', message: localised('error.VALIDATION'), fields: { _: 'unknownChannel' } })
    }
    const parsed = v.safeParse(contract[channel].arg, arg)
    if (!parsed.success) {
      deps.log.warn({ channel, issues: parsed.issues.length }, 'ipc argument rejected')
      return fail({ code: 'VALIDATION', message: localised('error.VALIDATION'), fields: fieldErrors(parsed.issues) })
    }
    const started = performance.now()
    try {
      const handler = handlers[channel] as (a: unknown) => unknown
      const value = await handler(parsed.output)
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
