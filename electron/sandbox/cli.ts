// Standalone sandbox (built to out/main/sandbox.js) for out-of-process tests and demos.
// Prints exactly one stdout line, `SANDBOX_URL=http://127.0.0.1:PORT`, and runs until
// SIGTERM/SIGINT, then closes cleanly. Everything else goes to stderr.

import { CliOptionError, sandboxOptionsFromEnv } from './cli-options'
import { startSandbox } from './server'
import { errorMessage } from '../shared/errors'

async function main(): Promise<void> {
  const sandbox = await startSandbox(sandboxOptionsFromEnv(process.env, process.argv.slice(2)))
  process.stdout.write(`SANDBOX_URL=${sandbox.apiBaseUrl}\n`)
  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`sandbox: ${signal}, closing\n`)
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${errorMessage(e)}\n`)
  process.exit(e instanceof CliOptionError ? 2 : 1)
})
