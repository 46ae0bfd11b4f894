import type { Progress } from './download'

// Download progress at the terminal: one line redrawn in place on a terminal, a line per
// tenth (or per 10 MB when the size is unknown) in a log, so a CI log stays short.

export interface ProgressPrinter {
  update(p: Progress): void
  done(): void
}

export function progressPrinter(
  out: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean },
  format: (p: Progress) => string,
  now: () => number = Date.now,
): ProgressPrinter {
  let lastStep = -1
  let lastDraw = 0
  let drawn = false
  return {
    update(p) {
      if (out.isTTY) {
        const t = now()
        const finished = p.total !== null && p.transferred >= p.total
        if (t - lastDraw < 250 && !finished) return
        lastDraw = t
        drawn = true
        out.write(`\r${format(p)}   `)
        return
      }
      const step = p.total ? Math.floor((p.transferred / p.total) * 10) : Math.floor(p.transferred / 10_485_760)
      if (step === lastStep) return
      lastStep = step
      out.write(`${format(p)}\n`)
    },
    done() {
      if (drawn) out.write('\n')
    },
  }
}
