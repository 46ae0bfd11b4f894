// `npm run mutate [-- group…]`: runs Stryker over each group (all when none is named), one after
// another, then prints the scores. `npm run mutate -- --report [--survivors]` only prints them,
// from the committed result files, with each surviving mutant when asked.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MUTATION_GROUPS } from './groups.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const reportOnly = args.includes('--report')
const showSurvivors = args.includes('--survivors')
const named = args.filter((a) => !a.startsWith('--'))
const unknown = named.filter((g) => !Object.hasOwn(MUTATION_GROUPS, g))
if (unknown.length > 0) {
  console.error(`Unknown group: ${unknown.join(', ')}. Groups: ${Object.keys(MUTATION_GROUPS).join(', ')}`)
  process.exit(2)
}
const groups = named.length > 0 ? named : Object.keys(MUTATION_GROUPS)

let failed = false
if (!reportOnly) {
  for (const group of groups) {
    console.log(`\n=== mutation group "${group}" ===`)
    const stryker = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js')
    const run = spawnSync(process.execPath, [stryker, 'run'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, MUTATE_GROUP: group },
    })
    if (run.status !== 0) failed = true
  }
}

/** Killed and timed-out mutants were detected; ignored ones (declared equivalent) are not scored. */
const DETECTED = new Set(['Killed', 'Timeout'])
const SCORED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage'])

const rows = []
const survivors = []
for (const group of groups) {
  const file = join(root, 'test', 'mutation', `${group}.json`)
  if (!existsSync(file)) {
    rows.push({ group, module: '(not run yet)' })
    continue
  }
  const report = JSON.parse(readFileSync(file, 'utf8'))
  for (const [module, { mutants, source }] of Object.entries(report.files)) {
    const count = (status) => mutants.filter((m) => m.status === status).length
    const scored = mutants.filter((m) => SCORED.has(m.status)).length
    const detected = mutants.filter((m) => DETECTED.has(m.status)).length
    rows.push({
      group,
      module,
      killed: count('Killed') + count('Timeout'),
      timedOut: count('Timeout'),
      survived: count('Survived'),
      noCoverage: count('NoCoverage'),
      ignored: count('Ignored'),
      score: scored === 0 ? 100 : (100 * detected) / scored,
    })
    const lines = source.split('\n')
    // Timeouts are listed too: on a loaded machine a slow test can time out without the mutant hanging.
    for (const m of mutants.filter((m) => ['Survived', 'NoCoverage', 'Timeout'].includes(m.status))) {
      const { line, column } = m.location.start
      survivors.push(`${module}:${line}:${column} ${m.status} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '')}\n    ${lines[line - 1]?.trim()}`)
    }
  }
}

console.log('\n| module | killed (of them timed out) | survived | no coverage | ignored (equivalent) | score |')
console.log('|---|---|---|---|---|---|')
for (const r of rows) {
  if (r.score === undefined) console.log(`| ${r.group}: ${r.module} | | | | | |`)
  else console.log(`| \`${r.module}\` | ${r.killed}${r.timedOut ? ` (${r.timedOut})` : ''} | ${r.survived} | ${r.noCoverage} | ${r.ignored} | ${r.score.toFixed(1)} % |`)
}
if (showSurvivors) {
  console.log(`\n${survivors.length} surviving, uncovered or timed-out mutants:`)
  for (const s of survivors) console.log(s)
}
process.exit(failed ? 1 : 0)
