// The unit-test config with one more setup file per project, which switches the mutant on before a
// test file's imports (see activate-early.ts), and a reporter that fails the tests a broken
// beforeAll hook kept from running (see hook-failures.ts). Used by stryker.config.mjs only.
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import base from '../../vitest.config'
import { MUTATION_TEST_SCOPE } from './groups.mjs'
import { HookFailuresFailTheirTests } from './hook-failures'

const activateEarly = 'test/mutation/activate-early.ts'
const projects = (base.test?.projects ?? []) as TestProjectInlineConfiguration[]
// A group with a test scope (groups.mjs) is measured with those test files only.
const group = process.env.MUTATE_GROUP
const scope = group !== undefined && Object.hasOwn(MUTATION_TEST_SCOPE, group) ? MUTATION_TEST_SCOPE[group as keyof typeof MUTATION_TEST_SCOPE] : undefined

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // A mutant that breaks a beforeAll hook fails the tests it kept from running (see hook-failures.ts).
    reporters: ['default', new HookFailuresFailTheirTests()],
    projects: projects.map((project) => ({
      ...project,
      test: {
        ...project.test,
        ...(scope && { include: scope[project.test?.name as 'node' | 'renderer'] ?? [] }),
        setupFiles: [...[project.test?.setupFiles ?? []].flat(), activateEarly],
      },
    })),
  },
})
