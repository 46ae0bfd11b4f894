// Mutation testing (`npm run mutate`): plants small bugs in the modules whose bugs would hurt most
// and checks that a unit test fails for each. Slow on two cores, so it is not part of `npm test`.
// Incremental: the result file is committed, so a re-run only re-tests mutants whose code or
// covering tests changed. One module group at a time: `npm run mutate -- --mutate <glob>`.
// Scores and the surviving mutants explained as equivalent: test/MUTATION.md.
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'electron/shared/phone.ts',
    'electron/shared/signup-rules.ts',
    'electron/core/vendor/normalize.ts',
    'electron/core/vendor/token.ts',
    'electron/core/vendor/http.ts',
    'electron/core/outbox*.ts',
    'electron/core/outbox/**/*.ts',
    'electron/core/retry*.ts',
    'electron/core/storage/vault.ts',
    'electron/core/storage/data-vault.ts',
    'electron/core/storage/sealed-records.ts',
    'electron/core/storage/local-store.ts',
    'electron/core/admin-pin.ts',
    'electron/web/server.ts',
    'electron/core/dispatch.ts',
    'electron/core/log.ts',
    'src/scanner/detector.ts',
    'src/scanner/dom-binding.ts',
    'src/scanner/field-snapshot.ts',
  ],
  // A static mutant (a value computed when the module loads) can only be tested by running every
  // related test (~2 min each here): they are left out and listed in test/MUTATION.md instead.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
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
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
}
