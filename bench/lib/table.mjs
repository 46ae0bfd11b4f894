// The one table: rows built from the raw measurements, printed as Markdown (so the README's
// Performance section is the same table) and stored in latest.json.

const ms = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(1)} ms`)
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`
const MB = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`
const pct = (x) => `${(100 * x).toFixed(1)} %`

function judge(ok) {
  return ok === null ? '' : ok ? 'met' : 'MISSED'
}

export function buildTable(r, summarise) {
  const rows = []
  const add = (section, figure, s, { unit = ms, target = '', ok = null } = {}) =>
    rows.push({
      section,
      figure,
      median: s.median ?? null,
      p95: s.p95 ?? null,
      n: s.n ?? null,
      text: { median: s.median === undefined || s.median === null ? s.value ?? '—' : unit(s.median), p95: s.p95 === undefined || s.p95 === null ? '—' : unit(s.p95) },
      target,
      status: judge(ok),
    })
  const err = (section, name) => r.errors[name] && rows.push({ section, figure: `could not measure: ${r.errors[name]}`, text: { median: '—', p95: '—' }, target: '', status: 'ERROR' })

  // Lookups
  const pick = (list, key) => (list ?? []).map((x) => x[key])
  for (const [label, list] of [
    [`cold (first lookup of each member after start; ${r.plan.coldStarts + 1} starts)`, r.cold],
    [`warm (lookups 21–${r.plan.warmUntil})`, r.warm],
  ]) {
    if (!list?.length) continue
    const app = summarise(pick(list, 'appMs'))
    add('lookup', `${label}: Enter → card painted`, summarise(pick(list, 'totalMs')))
    add('lookup', `${label}: vendor (sandbox's own time)`, summarise(pick(list, 'vendorMs')))
    add('lookup', `${label}: app's own time`, app, { target: 'median ≤ 30 ms, p95 ≤ 50 ms', ok: app.median <= 30 && app.p95 <= 50 })
  }
  if (r.soak?.length) add('lookup', `warm (lookups ${r.plan.warmUntil + 1}–${r.plan.lookups}): app's own time`, summarise(pick(r.soak, 'appMs')))
  lookupPhaseRows(r, summarise, add)
  err('lookup', 'cold starts')
  err('lookup', '1,000 lookups')
  if (r.cached?.length) {
    const s = summarise(pick(r.cached, 'totalMs'))
    add('cached lookup', 'vendor unreachable (stopped): Enter → offline copy painted', s, { target: 'p95 ≤ 30 ms', ok: s.p95 <= 30 })
  }
  err('cached lookup', 'cached lookups')

  if (r.customer?.length) {
    add('customer display', "customer's Enter on its keypad → staff card painted", summarise(pick(r.customer, 'totalMs')))
  }
  err('customer display', 'customer display')

  // Start-up and sizes
  if (r.startup?.length) {
    add('start-up', 'process start → URL printed (host listening)', summarise(pick(r.startup, 'processToUrlMs')))
    const s = summarise(pick(r.startup, 'processToReadyPaintedMs'))
    add('start-up', 'process start → lookup field focused and painted', s, { target: '≤ 1,500 ms', ok: s.p95 <= 1500 })
  }
  if (r.sizes) {
    const { js, css } = r.sizes
    add('start-up', `renderer JavaScript (${js.files.length} file${js.files.length === 1 ? '' : 's'}), gzip / raw`, { value: `${kB(js.gzip)} / ${kB(js.raw)}` }, { target: '≤ 150 kB gzip', ok: js.gzip <= 150_000 })
    add('start-up', 'renderer CSS, gzip / raw', { value: `${kB(css.gzip)} / ${kB(css.raw)}` })
  }

  // Barcode
  if (r.showToScanner?.length) {
    add('barcode', 'show to scanner: click → Code128 SVG drawn', summarise(pick(r.showToScanner, 'drawMs')))
    add('barcode', 'show to scanner: click → drawn and painted', summarise(pick(r.showToScanner, 'paintMs')))
  }
  if (r.jsbarcode?.length) add('barcode', 'JsBarcode alone (measure + draw Code128 SVG + layout)', summarise(r.jsbarcode))
  err('barcode', 'barcode')

  // Memory
  const first = r.heap?.find((h) => h.lookup === r.plan.heapAt[0])
  const last = r.heap?.find((h) => h.lookup === r.plan.heapAt[1])
  if (first && last) {
    const mainGrowth = last.main.heapUsed - first.main.heapUsed
    const rendGrowth = last.renderer.usedSize - first.renderer.usedSize
    add('memory', `main-process heap used after ${last.lookup} lookups (after GC)`, { value: MB(last.main.heapUsed), n: 1 })
    add('memory', `main-process heap growth, lookup ${first.lookup} → ${last.lookup}`, { value: MB(mainGrowth), n: 1 }, { target: '≤ 5 MB', ok: mainGrowth <= 5e6 })
    add('memory', `renderer JS heap used after ${last.lookup} lookups (after GC)`, { value: MB(last.renderer.usedSize), n: 1 })
    add('memory', `renderer JS heap growth, lookup ${first.lookup} → ${last.lookup}`, { value: MB(rendGrowth), n: 1 }, { target: '≤ 5 MB', ok: rendGrowth <= 5e6 })
  }

  // Scanner
  if (r.scanner) {
    const rep = r.scanner.report
    const ours = rep.ours
    const others = ['onscanDefault', 'onscanTuned', 'posDefault', 'posTuned'].map((k) => rep[k])
    for (const [key, c] of Object.entries(rep)) {
      if (key === 'oursPure') continue
      const us = c.byKind.scan
      const beats = key === 'ours' ? others.every((o) => ours.recognitionRate > o.recognitionRate && ours.falsePositiveRate <= o.falsePositiveRate) : null
      add(
        'scanner',
        `${c.label}: scans recognised · human taken as scan (${c.scans} scans, ${c.humans} human)`,
        { value: `${pct(c.recognitionRate)} · ${pct(c.falsePositiveRate)}`, n: r.scanner.traces },
        { target: key === 'ours' ? 'beat both libraries on both' : `US-layout scans only: ${pct(us.hit / us.n)}`, ok: beats },
      )
    }
  }
  if (r.scanner) {
    // The IME traces replayed above, then real scans through the Zhuyin IME (CDP, real time)
    // into a field holding text: recognised, and the field's value and selection kept.
    for (const [key, c] of Object.entries(r.scanner.report)) {
      const k = c.byKind['scan-ime']
      if (key !== 'oursPure' && k) add('scanner', `${c.label}: Zhuyin IME traces recognised`, { value: pct(k.hit / k.n), n: k.n })
    }
  }
  for (const [key, c] of Object.entries(r.scannerIme ?? {})) {
    const [id, profile] = key.split(':')
    const label = r.scanner?.report[id]?.label ?? id
    add(
      'scanner',
      `${label}: real IME scans, ${profile} (${profile === 'fast' ? '3–8' : '15–40'} ms/key): recognised · field left as it was`,
      { value: `${pct(c.recognised / c.n)} · ${pct(c.clean / c.n)}`, n: c.n },
      { target: id === 'ours' ? '100 % · 100 %' : '', ok: id === 'ours' ? c.recognised === c.n && c.clean === c.n : null },
    )
  }
  err('scanner', 'scanner')

  // Member cache: what a lookup's offline copy costs, by how many copies are kept.
  if (r.cache?.length) {
    const first = r.cache[0]
    for (const c of r.cache) {
      const within = c.medianMs <= 2 * first.medianMs
      add('member cache', `lookup with ${c.cached} copies kept: its copy stored and written (one record, behind the reply in the app)`, { median: c.medianMs, p95: c.p95Ms, n: c.lookups }, { unit: (x) => `${(x * 1000).toFixed(0)} µs`, target: c === first ? '' : `≤ 2× the ${first.cached}-copy median`, ok: c === first ? null : within })
      add('member cache', `… bytes written per lookup, ${c.cached} copies`, { value: `${(c.bytesPerLookup / 1000).toFixed(2)} kB`, n: c.lookups })
      add('member cache', `… start: read and check ${c.cached} copies`, { value: ms(c.openMs), n: 1 })
    }
  }
  err('member cache', 'member cache')

  // Outbox: each change writes one record, so the drain grows with the queue, no faster.
  if (r.outbox?.length) {
    const first = r.outbox[0]
    for (const o of r.outbox) {
      const perItem = o.drainMs / o.items
      add('outbox', `queue ${o.items} sign-ups (each fsynced)`, { value: ms(o.enqueueMs), n: 1 })
      add('outbox', `drain ${o.items} queued sign-ups against the sandbox (concurrency ${o.concurrency})`, { value: `${ms(o.drainMs)} (${perItem.toFixed(2)} ms per item)`, n: 1 }, o === first ? {} : { target: `linear: ≤ 1.5× the ${first.items}-item per-item time`, ok: perItem <= 1.5 * (first.drainMs / first.items) })
      add('outbox', '… of which database writes (one record + digest, fsynced)', { value: `${ms(o.drainPersist.ms)} (${o.drainPersist.count} writes, ${(o.drainPersist.bytes / o.drainPersist.count / 1000).toFixed(2)} kB each)`, n: 1 })
      add('outbox', 'duplicates at the vendor · missing · done', { value: `${o.duplicates} · ${o.missing} · ${o.summary.done}/${o.items}`, n: 1 }, { target: '0 duplicates, all sent', ok: o.duplicates === 0 && o.missing === 0 && o.summary.done === o.items })
    }
  }
  err('outbox', 'outbox')
  return rows
}

/** A cold lookup's phases, in the order they happen; with the vendor's own time they add up to Enter → painted. */
const PHASES = [
  ['pageToCall', 'page: Enter → call sent'],
  ['bridgeIn', 'bridge: call → main process'],
  ['mainProcess', "main process (vendor's own time excluded)"],
  ['bridgeOut', 'bridge: answer → page'],
  ['render', 'page: answer → name in the DOM'],
  ['paint', 'page: name in the DOM → painted'],
]

/**
 * Where a cold lookup's time goes. The first lookup after each start is one in 20 of the cold
 * samples, so it alone decides their p95: its phases are shown, beside the other cold lookups'
 * medians for comparison.
 */
function lookupPhaseRows(r, summarise, add) {
  const cold = (r.cold ?? []).filter((x) => x.phases)
  const first = cold.filter((x) => x.firstAfterStart)
  const others = cold.filter((x) => !x.firstAfterStart)
  if (first.length === 0) return
  const app = summarise(first.map((x) => x.appMs))
  add('cold lookup', `first lookup after each start (${first.length} starts): app's own time`, app)
  for (const [key, label] of PHASES) {
    const rest = summarise(others.map((x) => x.phases[key]))
    add('cold lookup', `… ${label} (other cold lookups: median ${rest.median?.toFixed(1) ?? '—'} ms)`, summarise(first.map((x) => x.phases[key])))
  }
}

export function renderTable(rows, r) {
  const m = r.machine ?? {}
  const header = ['section', 'figure', 'median', 'p95', 'n', 'target', '']
  const body = rows.map((x) => [x.section, x.figure, x.text.median, x.text.p95, x.n ?? '', x.target, x.status])
  const lines = [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`)
  const note = `Machine: ${m.nproc} cores, ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; Chromium ${m.chromium}. \`npm run bench\`, ${r.benchSeconds} s.`
  return `${lines.join('\n')}\n\n${note}\n`
}
