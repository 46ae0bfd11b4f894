// The unit-test config with one more setup file per project, which switches the mutant on before a
// test file's imports (see activate-early.ts). Used by stryker.config.mjs only.
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import base from '../../vitest.config'

const activateEarly = 'test/mutation/activate-early.ts'
const projects = (base.test?.projects ?? []) as TestProjectInlineConfiguration[]

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    projects: projects.map((project) => ({
      ...project,
      test: { ...project.test, setupFiles: [...[project.test?.setupFiles ?? []].flat(), activateEarly] },
    })),
  },
})
