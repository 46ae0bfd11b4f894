// The modules whose bugs would hurt most, in groups that are run (and remembered) apart: each
// group has its own incremental result file, test/mutation/<group>.json, so groups can be run
// side by side and committed without touching each other's results. Plain paths, no globs:
// test/mutation/activate-early.ts reads these files.
export const MUTATION_GROUPS = {
  scanner: ['src/scanner/detector.ts', 'src/scanner/dom-binding.ts', 'src/scanner/field-snapshot.ts'],
  rules: ['electron/shared/phone.ts', 'electron/shared/signup-rules.ts', 'electron/core/dispatch.ts'],
  core: ['electron/core/log.ts', 'electron/core/admin-pin.ts'],
  vendor: ['electron/core/vendor/normalize.ts', 'electron/core/vendor/token.ts', 'electron/core/vendor/http.ts'],
  outbox: [
    'electron/core/outbox.ts',
    'electron/core/outbox-entry.ts',
    'electron/core/outbox-drain.ts',
    'electron/core/outbox-retry.ts',
    'electron/core/retry.ts',
  ],
  storage: [
    'electron/core/storage/vault.ts',
    'electron/core/storage/data-vault.ts',
    'electron/core/storage/sealed-records.ts',
    'electron/core/storage/local-store.ts',
  ],
  server: ['electron/web/server.ts'],
}

// The tests a group is measured with, where not the whole unit suite: the storage modules are
// reached through the composition root by ~300 tests, so each surviving mutant ran all of them
// (about 3 minutes apiece here). Measured by their own tests only, a score can only be lower.
// By vitest project (vitest.config.ts); a project not named runs no test for that group.
export const MUTATION_TEST_SCOPE = {
  storage: { node: ['test/unit/storage/**/*.test.ts'] },
  // The client is reached by every test/unit/api test over a sandbox (one takes 9 s); its own
  // tests drive it against a scripted vendor in milliseconds.
  vendor: { node: ['test/unit/vendor/**/*.test.ts'] },
  // Every core-building api/offline test reaches the outbox (a mutant took about a minute with them).
  // The crash test is left out: its child process runs a bundle with no mutant switched on.
  outbox: {
    node: [
      'test/unit/outbox/{outbox,queue,lifecycle,entry,drain,retry-timing}.test.ts',
      'test/unit/core/retry.test.ts',
      'test/unit/offline/outbox-offline.test.ts',
    ],
  },
}
