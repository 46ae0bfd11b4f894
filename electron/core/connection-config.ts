import type { ConfigProblem } from '../shared/contract'

// Where the member API's credentials may be sent, and what makes a live configuration
// complete. Pure functions: the settings service feeds them what is stored and what the
// environment says.

/** The environment variables that configure the connection: any one of them means live. */
export const CONNECTION_ENV = ['POS_API_BASE_URL', 'POS_AUTH_URL', 'POS_CLIENT_ID', 'POS_CLIENT_SECRET'] as const

/** Loopback hosts may use plain http (the sandbox, a local test double); anything else must be https. */
function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}

/** Why this URL may not carry credentials, as a message key; null when it may. */
export function urlProblem(raw: string): 'settings.badUrl' | 'settings.httpsRequired' | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'settings.badUrl'
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? null : 'settings.httpsRequired'
  return 'settings.badUrl'
}

/** The origin a secret is bound to ('' for an empty or unparsable URL). */
export function originOf(raw: string): string {
  try {
    return new URL(raw).origin
  } catch {
    return ''
  }
}

/** What a sealed secret carries besides itself: it is only ever sent where it was entered for. */
export interface SecretBinding {
  authOrigin: string
  clientId: string
}

export const sameBinding = (a: SecretBinding, b: SecretBinding) => a.authOrigin === b.authOrigin && a.clientId === b.clientId

/** What the settings know about the connection, before any secret is opened. */
export interface ConnectionFacts {
  apiBaseUrl: string
  authUrl: string
  clientId: string
  storeId: string
  /** Where the secret comes from, and whether it can be used here. */
  secret: 'env' | 'sealed' | 'unreadable' | 'unbound' | 'none'
  /** Whether each URL comes from the environment. */
  urlsFromEnv: { apiBaseUrl: boolean; authUrl: boolean }
}

/** Everything that keeps a live configuration from working; empty when it can work. */
export function connectionProblems(f: ConnectionFacts): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  for (const field of ['apiBaseUrl', 'authUrl'] as const) {
    if (!f[field]) problems.push({ code: 'missing', field })
    else {
      const p = urlProblem(f[field])
      if (p === 'settings.httpsRequired') problems.push({ code: 'httpsRequired', field })
      else if (p) problems.push({ code: 'badUrl', field })
    }
  }
  if (!f.clientId) problems.push({ code: 'missing', field: 'clientId' })
  if (f.secret === 'none') problems.push({ code: 'missing', field: 'clientSecret' })
  if (f.secret === 'unreadable') problems.push({ code: 'secretUnreadable', field: 'clientSecret' })
  if (f.secret === 'unbound') problems.push({ code: 'secretUnbound', field: 'clientSecret' })
  if (f.secret === 'env' && !(f.urlsFromEnv.apiBaseUrl && f.urlsFromEnv.authUrl)) {
    problems.push({ code: 'envSecretNeedsEnvUrls', field: 'clientSecret' })
  }
  if (!f.storeId) problems.push({ code: 'missing', field: 'storeId' })
  return problems
}
