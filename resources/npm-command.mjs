// How to run npm from a script without a shell. Never plain `npm`: on Windows that is
// npm.cmd, which Node refuses to spawn without a shell since the CVE-2024-27980 fix
// (EINVAL), so a fresh clone's `npm start` failed there without a word.
import { existsSync } from 'node:fs'
import { posix, win32 } from 'node:path'

/**
 * `node npm-cli.js`: npm_execpath (npm sets it for every script it runs) when it is npm's
 * own CLI (not yarn's or pnpm's), else the npm that ships beside this node; null when none.
 */
export function npmCommand(env, execPath, platform, exists = existsSync) {
  const path = platform === 'win32' ? win32 : posix
  const execpath = env.npm_execpath
  if (execpath && /^npm-cli\.[cm]?js$/.test(path.basename(execpath))) return { command: execPath, args: [execpath] }
  const nodeDir = path.dirname(execPath)
  // Windows installs npm beside node.exe; Unix installs put it in ../lib/node_modules.
  const candidates =
    platform === 'win32'
      ? [path.join(nodeDir, 'node_modules', 'npm', 'bin', 'npm-cli.js')]
      : [path.join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), path.join(nodeDir, 'node_modules', 'npm', 'bin', 'npm-cli.js')]
  const cli = candidates.find((p) => exists(p))
  return cli ? { command: execPath, args: [cli] } : null
}
