#!/usr/bin/env node
// Runs before `npm start`, `npm run web` and `npm test`: a fresh clone installs its
// node_modules (exactly the lock file's) on first use, so one command is all set-up.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { npmCommand } from './npm-command.mjs'

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('Installing dependencies (npm ci)…')
  const npm = npmCommand(process.env, process.execPath, process.platform)
  if (!npm) {
    console.error(`npm was not found beside ${process.execPath}: install Node.js with npm, then run npm ci.`)
    process.exit(1)
  }
  const r = spawnSync(npm.command, [...npm.args, 'ci', '--no-audit', '--no-fund'], { stdio: 'inherit' })
  if (r.error) {
    console.error(`Could not run npm (${[npm.command, ...npm.args].join(' ')}): ${r.error.message}`)
    process.exit(1)
  }
  if (r.status !== 0) {
    console.error(`npm ci failed (${r.status === null ? `signal ${r.signal}` : `exit ${r.status}`}); see npm's messages above.`)
    process.exit(r.status ?? 1)
  }
}
