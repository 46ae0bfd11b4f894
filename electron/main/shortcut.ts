import type { GlobalShortcut } from 'electron'
import { errorMessage } from '../shared/errors'

// The configurable global shortcut (default Ctrl+Shift+M). Another program may already
// own the keys: then registration fails, which is reported (settings view's
// `shortcutRegistered`) rather than treated as an error.

export interface GlobalShortcutControl {
  /** Holds `accelerator` instead of the previous one: true when held, false when refused, null for '' (none). */
  apply(accelerator: string): boolean | null
  dispose(): void
}

export function createGlobalShortcut(opts: {
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>
  onPress: () => void
  log?: (message: string, details: Record<string, unknown>) => void
}): GlobalShortcutControl {
  let held: string | null = null

  function release(): void {
    if (held !== null) opts.globalShortcut.unregister(held)
    held = null
  }

  return {
    apply(accelerator) {
      // Already held: keep it. Refused before: try again (the other program may have let go).
      if (accelerator === held) return true
      release()
      if (accelerator === '') return null
      let ok: boolean
      try {
        ok = opts.globalShortcut.register(accelerator, opts.onPress)
      } catch (e) {
        // Electron throws for an accelerator it cannot parse (the contract should have caught it).
        ok = false
        opts.log?.('global shortcut rejected', { accelerator, error: errorMessage(e) })
      }
      if (ok) held = accelerator
      else opts.log?.('global shortcut not registered (taken by another program?)', { accelerator })
      return ok
    },
    dispose: release,
  }
}
