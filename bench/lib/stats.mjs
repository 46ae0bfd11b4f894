// Small statistics helpers: every figure in the table is a median and a p95 over its runs.

/** Nearest-rank percentile (p in 0..100) of a list of numbers; NaN for an empty list. */
function percentile(values, p) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

/** {n, median, p95, min, max} rounded to 0.1. */
export function summarise(values) {
  const r = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null)
  return {
    n: values.length,
    median: r(percentile(values, 50)),
    p95: r(percentile(values, 95)),
    min: r(Math.min(...values)),
    max: r(Math.max(...values)),
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Progress lines go to stderr so stdout carries only the table. */
export function progress(message) {
  process.stderr.write(`[bench] ${message}\n`)
}
