// Mutation testing (`npm run mutate`): plants small bugs in the modules whose bugs would hurt most
// and checks that a unit test fails for each. Slow on two cores, so it is not part of `npm test`.
// One group at a time (test/mutation/groups.mjs), chosen by MUTATE_GROUP; test/mutation/run.mjs
// runs them and prints the scores. Each group's results are committed as test/mutation/<group>.json
// (incremental: a re-run only re-tests mutants whose code or covering tests changed).
// Scores and the surviving mutants explained: test/MUTATION.md.
import { MUTATION_GROUPS } from './test/mutation/groups.mjs'

// Without a group (a bare `npx stryker run`), every module is run and nothing is remembered.
const group = process.env.MUTATE_GROUP
if (group !== undefined && !Object.hasOwn(MUTATION_GROUPS, group)) {
  throw new Error(`MUTATE_GROUP must be one of: ${Object.keys(MUTATION_GROUPS).join(', ')} (got "${group}")`)
}
const name = group ?? 'all'

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: group ? MUTATION_GROUPS[group] : Object.values(MUTATION_GROUPS).flat(),
  // A value built when a module loads is credited to every test of the files that load it
  // (test/mutation/activate-early.ts), so such mutants run against those tests, not all of them.
  ignoreStatic: true,
  incremental: group !== undefined,
  incrementalFile: `test/mutation/${name}.json`,
  // Two shared cores: one test runner, and timeouts that survive a busy machine.
  concurrency: 1,
  timeoutMS: 30_000,
  timeoutFactor: 3,
  dryRunTimeoutMinutes: 20,
  // The sandbox is a copy of the repository: leave out what no unit test reads.
  ignorePatterns: [
    'out',
    'dist',
    'reports',
    'bench/results',
    'test-results',
    'playwright-report',
    'test/artifacts',
    'test/e2e',
    'test/electron',
    '.ci',
    // Other groups' sandboxes and results, when groups run side by side.
    '.stryker-tmp-*',
    'test/mutation/*.json',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: `.stryker-tmp-${name}`,
  cleanTempDir: true,
}
