import { getCurrentScope, onScopeDispose, ref, watch, type Ref } from 'vue'

// A small screen preference (the keypad left open) kept in this window's storage, so it
// survives switching screens and, in the desktop app, restarts. Not a setting: nothing to
// configure, nothing sent to main; a storage that refuses (private mode, quota) only
// means it is not remembered.

const PREFIX = 'cc.'

export function useRemembered(key: string, initial: boolean): Ref<boolean> {
  const read = (): boolean => {
    try {
      const v = window.localStorage.getItem(PREFIX + key)
      return v === null ? initial : v === '1'
    } catch {
      return initial
    }
  }
  const value = ref(read())
  watch(value, (v) => {
    try {
      window.localStorage.setItem(PREFIX + key, v ? '1' : '0')
    } catch {
      /* not remembered: harmless */
    }
  })
  return value
}

/** A media query as a ref that follows the window (the panel can be widened into a window). */
export function useMediaQuery(query: string): Ref<boolean> {
  const mql = window.matchMedia(query)
  const matches = ref(mql.matches)
  const onChange = (e: MediaQueryListEvent) => (matches.value = e.matches)
  mql.addEventListener('change', onChange)
  if (getCurrentScope()) onScopeDispose(() => mql.removeEventListener('change', onChange))
  return matches
}
