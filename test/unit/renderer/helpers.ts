import { createPinia, setActivePinia } from 'pinia'
import { buildPosApi } from '@shared/bridge'
import type { Channel, Result } from '@shared/contract'

/** Installs a fake `window.pos` (what the preload provides) answering from `answers`. */
export function installFakePos(answers: Partial<Record<Channel, (arg: unknown) => Result<unknown>>>) {
  const calls: Array<{ channel: Channel; arg: unknown }> = []
  window.pos = buildPosApi(
    async (channel, arg) => {
      calls.push({ channel, arg })
      const answer = answers[channel]
      return answer ? answer(arg) : { ok: false, error: { code: 'INTERNAL', message: `no fake for ${channel}` } }
    },
    () => () => {},
  )
  return calls
}

export function freshPinia() {
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}
