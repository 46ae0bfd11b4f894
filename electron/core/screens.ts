import type { ScreensReport } from '../shared/contract'
import type { CoreEvents } from './events'

// The displays the desktop shell reports (electron/main/customer-window.ts) and where the
// customer display is, kept for Settings. Core cannot ask for them itself — only the shell
// imports electron — so the shell hands each new report over; browser mode has none, and
// its customer page is opened by hand at /customer.

export interface ScreenReports {
  current(): ScreensReport
  /** From the desktop shell: a new list or a new place for the customer display. */
  set(report: ScreensReport): void
}

export function createScreenReports(shell: 'electron' | 'browser', bus: CoreEvents): ScreenReports {
  let current: ScreensReport = {
    screens: [],
    customer: { state: shell === 'browser' ? 'browser' : 'noDisplay', displayId: null, chosenMissing: false },
  }
  return {
    current: () => current,
    set(report) {
      current = report
      bus.emit('screens:changed', report)
    },
  }
}
