// A reporter for mutation runs only (test/mutation/vitest.mutation.config.ts). A mutant that makes
// a test file's own beforeAll hook throw or hang (a host that no longer starts, a store that no
// longer opens) leaves every test of the file skipped. Stryker's vitest runner looks for a failed
// hook in the tests' describe blocks, not in the file, so it read "no test failed" and the
// mutant "survived" with no test run at all. Here, when a file or suite failed with an error of
// its own and none of its tests ran, its tests are marked failed with that error: they did fail.
// (A failed afterAll leaves the tests' own results alone: they ran.)
import type { RunnerTask, RunnerTestSuite } from 'vitest'
import { experimental_getRunnerTask as runnerTask, type Reporter, type TestModule } from 'vitest/node'

const testsUnder = (task: RunnerTask): RunnerTask[] => (task.type === 'suite' ? task.tasks.flatMap(testsUnder) : [task])

function failTestsKeptFromRunning(suite: RunnerTestSuite): void {
  const errors = suite.result?.state === 'fail' ? suite.result.errors : undefined
  const tests = suite.tasks.flatMap(testsUnder)
  if (errors?.length && !tests.some((t) => t.result?.state === 'pass' || t.result?.state === 'fail')) {
    for (const test of tests) {
      // vitest marked them mode "skip", which Stryker reads before the state.
      test.mode = 'run'
      test.result = { ...test.result, state: 'fail', errors }
    }
    return
  }
  for (const task of suite.tasks) if (task.type === 'suite') failTestsKeptFromRunning(task)
}

export class HookFailuresFailTheirTests implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    for (const module of modules) failTestsKeptFromRunning(runnerTask(module) as RunnerTestSuite)
  }
}
