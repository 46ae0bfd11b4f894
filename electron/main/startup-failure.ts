import type { App, Dialog } from 'electron'
import { errorMessage } from '../shared/errors'

// A start-up that fails must say so and let go: without this a window-less process kept
// the single-instance lock and every later launch showed nothing.

export interface FailureDeps {
  app: Pick<App, 'releaseSingleInstanceLock' | 'exit'>
  dialog: Pick<Dialog, 'showErrorBox'>
  env: Record<string, string | undefined>
  /** Where the app keeps its data, for IT. */
  dataDir: string
  /** Releases what start() had already opened (files, the log). */
  cleanUp?: () => Promise<void> | void
}

const TEXT = {
  'zh-TW': {
    title: '會員櫃檯助手無法啟動',
    body: (reason: string, dir: string) => `啟動時發生錯誤：${reason}\n資料夾：${dir}\n請重新開啟程式；若仍無法啟動，請通知 IT 人員。`,
  },
  en: {
    title: 'Counter Companion could not start',
    body: (reason: string, dir: string) => `Start-up failed: ${reason}\nData folder: ${dir}\nOpen the app again; if it still does not start, tell IT.`,
  },
} as const

/** Both languages, the staff's first (POS_LANG; zh-TW unless it says en). */
export function startupFailureText(reason: string, dataDir: string, env: Record<string, string | undefined>): { title: string; content: string } {
  const order = env.POS_LANG === 'en' ? (['en', 'zh-TW'] as const) : (['zh-TW', 'en'] as const)
  return {
    title: `${TEXT[order[0]].title} / ${TEXT[order[1]].title}`,
    content: order.map((lang) => TEXT[lang].body(reason, dataDir)).join('\n\n'),
  }
}

export async function failStartup(error: unknown, deps: FailureDeps): Promise<void> {
  const reason = errorMessage(error)
  console.error('start-up failed', error)
  try {
    await deps.cleanUp?.()
  } catch {
    // Already failing: the dialog and the exit matter more.
  }
  const { title, content } = startupFailureText(reason, deps.dataDir, deps.env)
  deps.dialog.showErrorBox(title, content)
  deps.app.releaseSingleInstanceLock()
  deps.app.exit(1)
}
