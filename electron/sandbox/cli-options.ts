// The standalone sandbox's settings, from its environment.

import type { SandboxOptions } from './contract'
import { parseDialectList } from './dialects'
import { errorMessage } from '../shared/errors'

export class CliOptionError extends Error {}

/**
 * SANDBOX_PORT (default 0 = random), SANDBOX_CLIENT_ID / SANDBOX_CLIENT_SECRET (defaults as
 * startSandbox), SANDBOX_DIALECT=a,b or the flag `--dialect=a,b` (dialects.ts).
 */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv, argv: readonly string[] = []): SandboxOptions {
  const rawPort = env['SANDBOX_PORT']?.trim() ?? ''
  const port = rawPort === '' ? 0 : Number(rawPort)
  if (!/^\d*$/.test(rawPort) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliOptionError(`SANDBOX_PORT must be a port number (0-65535), got "${rawPort}"`)
  }
  const opts: SandboxOptions = { host: '127.0.0.1', port }
  if (env['SANDBOX_CLIENT_ID']) opts.clientId = env['SANDBOX_CLIENT_ID']
  if (env['SANDBOX_CLIENT_SECRET']) opts.clientSecret = env['SANDBOX_CLIENT_SECRET']
  const flag = argv.find((a) => a.startsWith('--dialect='))?.slice('--dialect='.length)
  const dialectText = flag ?? env['SANDBOX_DIALECT'] ?? ''
  try {
    const dialects = parseDialectList(dialectText)
    if (dialects.length > 0) opts.dialects = dialects
  } catch (e) {
    throw new CliOptionError(errorMessage(e))
  }
  return opts
}
