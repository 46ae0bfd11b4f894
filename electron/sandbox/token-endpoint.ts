// POST /oauth/v1/token: OAuth 2.0 client credentials, form-encoded, as the vendor documents.

import { errorReply, jsonReply, type Reply } from './reply'
import type { TokenStore } from './tokens'

const REQUIRED_FIELDS = ['client_id', 'client_secret', 'grant_type', 'scope'] as const

export interface TokenRequest {
  method: string
  /** Media type without parameters, lower case. */
  contentType: string
  body: string
}

export function handleTokenRequest(req: TokenRequest, tokens: TokenStore): Reply {
  if (req.method !== 'POST') return jsonReply(405, { message: 'Method Not Allowed' }, { Allow: 'POST' })
  if (req.contentType !== 'application/x-www-form-urlencoded') {
    return errorReply(400, 'Content-Type 必須為 application/x-www-form-urlencoded')
  }
  const form = new URLSearchParams(req.body)
  const missing = REQUIRED_FIELDS.filter((f) => !form.get(f))
  if (missing.length > 0) return errorReply(400, `缺少必要欄位: ${missing.join(', ')}`, { fields: missing })
  if (form.get('grant_type') !== 'client_credentials') {
    return errorReply(400, 'grant_type 只接受 client_credentials', { field: 'grant_type' })
  }
  if (form.get('scope') !== 'api') return errorReply(400, 'scope 只接受 api', { field: 'scope' })
  if (!tokens.credentialsMatch(form.get('client_id') ?? '', form.get('client_secret') ?? '')) {
    return errorReply(401, 'client_id 或 client_secret 錯誤')
  }
  // Tokens are credentials: never cached by anything in between.
  return jsonReply(200, tokens.issue(), { 'Cache-Control': 'no-store', Pragma: 'no-cache' })
}
