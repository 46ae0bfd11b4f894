import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { FEEDBACK_DELAY_MS, useDelayedFlag } from '../../../src/composables/useDelayedFlag'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** A delayed flag over a plain ref, in a scope of its own (as a component would have). */
function flagOverRef() {
  const busy = ref(false)
  const scope = effectScope()
  const shown = scope.run(() => useDelayedFlag(busy))!
  return { busy, scope, shown }
}

describe('useDelayedFlag (the busy state staff see)', () => {
  it('turns true only once the source has stayed true for the delay, false at once', async () => {
    const { busy, scope, shown } = flagOverRef()
    busy.value = true
    await nextTick()
    vi.advanceTimersByTime(FEEDBACK_DELAY_MS - 1)
    expect(shown.value).toBe(false)
    vi.advanceTimersByTime(1)
    expect(shown.value).toBe(true)
    busy.value = false
    await nextTick()
    expect(shown.value).toBe(false)
    scope.stop()
  })

  it('never shows a call that ends within the delay (no busy state for one frame)', async () => {
    const { busy, scope, shown } = flagOverRef()
    const seen: boolean[] = []
    for (let i = 0; i < 5; i++) {
      busy.value = true
      await nextTick()
      vi.advanceTimersByTime(FEEDBACK_DELAY_MS / 2)
      seen.push(shown.value)
      busy.value = false
      await nextTick()
      vi.advanceTimersByTime(FEEDBACK_DELAY_MS)
      seen.push(shown.value)
    }
    expect(seen.every((v) => v === false)).toBe(true)
    scope.stop()
  })

  it('stays well inside the 100 ms within which staff must see a busy state', () => {
    expect(FEEDBACK_DELAY_MS).toBeLessThanOrEqual(60)
  })

  it('forgets its timer when its component goes', async () => {
    const { busy, scope, shown } = flagOverRef()
    busy.value = true
    await nextTick()
    scope.stop()
    vi.advanceTimersByTime(FEEDBACK_DELAY_MS * 2)
    expect(shown.value).toBe(false)
  })
})
