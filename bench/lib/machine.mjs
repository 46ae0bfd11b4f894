// Which machine the figures came from.
import { readFileSync } from 'node:fs'
import { availableParallelism, totalmem, release } from 'node:os'

export function machineInfo(chromiumVersion) {
  let cpu = 'unknown'
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu
  } catch {
    /* not Linux */
  }
  let os = `${process.platform} ${release()}`
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os
  } catch {
    /* no os-release */
  }
  return {
    nproc: availableParallelism(),
    cpu,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: chromiumVersion,
    os,
  }
}
