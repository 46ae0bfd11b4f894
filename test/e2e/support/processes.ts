// The e2e tests start processes through the module the benchmark uses too.
export { startApp, startSandboxProcess, type RunningApp, type RunningSandbox } from '../../support/processes.mjs'
