// `npm run bench` only: what the benchmark asks the running app, when browser mode was
// started with POS_BENCH_HOOKS=1 (off otherwise), behind the same session cookie as every
// other route:
//   GET /__bench/heap   the main process's memory after a full GC, so heap growth across
//                       1,000 lookups is not hidden by garbage (the GC needs node --expose-gc;
//                       without it the figures are taken as they are and `gc` says so);
//   GET /__bench/calls  the bridge calls answered since the last ask, each with when its frame
//                       arrived and when its answer was ready, so a lookup's time splits into
//                       the page's, the bridge's and the main process's.

interface BridgeCallTiming {
  channel: string
  /** Epoch ms (performance.timeOrigin + now()): comparable with the page's own clock. */
  receivedAt: number
  answeredAt: number
}

export interface BenchHooks {
  /** `GET /__bench/<name>` answers `routes[name]()` as JSON. */
  routes: Record<string, () => unknown>
  /** Told about every bridge call once its answer is ready, before it is sent. */
  callAnswered(timing: BridgeCallTiming): void
}

export const epochMs = (): number => performance.timeOrigin + performance.now()

/** Kept until the bench asks; a bench that never asks cannot grow the list past this. */
const CALLS_KEPT = 1000

export function benchHooks(): BenchHooks {
  let calls: BridgeCallTiming[] = []
  return {
    routes: {
      heap: () => {
        const gc = (globalThis as { gc?: () => void }).gc
        gc?.()
        return { ...process.memoryUsage(), gc: gc !== undefined }
      },
      calls: () => {
        const answered = calls
        calls = []
        return answered
      },
    },
    callAnswered(timing) {
      if (calls.length < CALLS_KEPT) calls.push(timing)
    },
  }
}
