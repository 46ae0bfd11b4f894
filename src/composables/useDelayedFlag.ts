import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue'

/**
 * How long a call may run before the screen says so (busy state, a scan's clean-up and
 * notice). Well inside the 100 ms staff must see a busy state within, and longer than a
 * cached or LAN answer takes, so a fast answer changes the screen once instead of drawing
 * a busy state for one frame — which would also delay the answer by a frame (see
 * src/scanner/dom-binding.ts).
 */
export const FEEDBACK_DELAY_MS = 50

/** True once `source` has stayed true for `delayMs`; false as soon as it is not. */
export function useDelayedFlag(source: WatchSource<boolean>, delayMs = FEEDBACK_DELAY_MS): Readonly<Ref<boolean>> {
  const shown = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(
    source,
    (on) => {
      clearTimeout(timer)
      if (!on) shown.value = false
      else timer = setTimeout(() => (shown.value = true), delayMs)
    },
    { immediate: true },
  )
  onScopeDispose(() => clearTimeout(timer))
  return shown
}
