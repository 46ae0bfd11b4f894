#!/usr/bin/env node
// Runs before `npm start`, `npm run web` and `npm test`: a fresh clone installs its
// node_modules (exactly the lock file's) on first use, so one command is all set-up.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('Installing dependencies (npm ci)…')
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
