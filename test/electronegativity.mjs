#!/usr/bin/env node
// Runs electronegativity over the Electron sources and the built page, and fails on any
// HIGH or MEDIUM finding that is not explained by a comment `electronegativity: CHECK_NAME`
// on the lines just above it. (The tool itself always exits 0.)
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ELECTRON_VERSION = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version
const out = mkdtempSync(join(tmpdir(), 'egy-'))
// One tree with both the sources and the built page, so the global checks (CSP,
// navigation limits, permission handler) see the whole app at once.
const scan = join(out, 'app')
cpSync('electron', join(scan, 'electron'), { recursive: true })
cpSync('out/renderer/index.html', join(scan, 'out/renderer/index.html'))
const targets = [scan]

function parseCsv(text) {
  const rows = []
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''))
    rows.push({ issue: cells[0], severity: cells[1], file: cells[3], location: cells[4], sample: cells[5] })
  }
  return rows
}

const unexplained = []
let total = 0
for (const target of targets) {
  const csv = join(out, 'findings.csv')
  const r = spawnSync('npx', ['--no-install', 'electronegativity', '-i', target, '-e', ELECTRON_VERSION, '-o', csv, '-r'], { encoding: 'utf8' })
  if (r.status !== 0) {
    console.error(r.stderr)
    process.exit(1)
  }
  for (const f of parseCsv(readFileSync(csv, 'utf8'))) {
    total++
    if (f.severity !== 'HIGH' && f.severity !== 'MEDIUM') continue
    const line = Number(f.location.split(':')[0])
    let explained = false
    if (f.file !== 'N/A') {
      const lines = readFileSync(join(target, f.file), 'utf8').split('\n')
      const above = lines.slice(Math.max(0, line - 6), line).join('\n')
      explained = above.includes(`electronegativity: ${f.issue}`)
    }
    if (!explained) unexplained.push(`${f.severity} ${f.issue} ${f.file}:${f.location} ${f.sample}`)
  }
}
console.log(`electronegativity ${ELECTRON_VERSION}: ${total} findings, ${unexplained.length} unexplained HIGH/MEDIUM`)
for (const u of unexplained) console.log(`  ${u}`)
process.exit(unexplained.length === 0 ? 0 : 1)
