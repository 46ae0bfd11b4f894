// The vendor's API endpoints (everything behind a Bearer token), as route handlers.

import { BAD_PHONE, MEMBER_NOT_FOUND, STORE_NOT_FOUND } from './assumptions'
import type { MemberDirectory } from './members'
import { errorReply, jsonReply, type Reply } from './reply'
import type { SignupService } from './signup'
import type { TokenStore } from './tokens'
import { memberSummaryView, notAMemberView, ocardLoginView, ocardMemberDataView } from './views'
import type { WireStore } from './wire'
import { parseWireMobile } from './wire-phone'

export interface ApiRequest {
  method: string
  path: string
  query: URLSearchParams
  authorization: string | undefined
  /** Media type without parameters, lower case. */
  contentType: string
  body: string
}

type Handler = (req: ApiRequest) => Reply
type Route = { method: string; handle: Handler }

/** A JSON request body, or the 400 the vendor gives when there is none. */
function jsonBody(req: ApiRequest): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } {
  if (req.contentType !== 'application/json') {
    return { ok: false, reply: errorReply(400, 'Content-Type 必須為 application/json') }
  }
  let value: unknown
  try {
    value = JSON.parse(req.body)
  } catch {
    return { ok: false, reply: errorReply(400, '請求內容不是有效的 JSON') }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reply: errorReply(400, '請求內容必須為 JSON 物件') }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

function requiredString(v: unknown, name: string): Reply | null {
  if (v === undefined || v === null || v === '') return errorReply(400, `缺少 ${name}`, { field: name })
  if (typeof v !== 'string') return errorReply(400, `${name} 必須為字串`, { field: name })
  return null
}


export class VendorApi {
  private readonly routes: Map<string, Route>
  private readonly storeIds: Set<string>

  constructor(
    private readonly stores: WireStore[],
    private readonly members: MemberDirectory,
    private readonly signup: SignupService,
    private readonly tokens: TokenStore,
  ) {
    this.storeIds = new Set(stores.map((s) => s.id))
    this.routes = new Map<string, Route>([
      ['/v1/user/ocard/login', { method: 'POST', handle: (r) => this.ocardLogin(r) }],
      ['/v1/user/ocard', { method: 'GET', handle: (r) => this.ocardMemberData(r) }],
      ['/v2/user', { method: 'POST', handle: (r) => this.signUp(r) }],
      ['/v1/stores', { method: 'GET', handle: () => this.storeList() }],
      ['/v1/user/members', { method: 'GET', handle: (r) => this.memberSearch(r) }],
    ])
  }

  isKnownStore(id: string): boolean {
    return this.storeIds.has(id)
  }

  /** Route, then method, then token: an unknown path is a 404 even without a token. */
  handle(req: ApiRequest): Reply {
    const route = this.routes.get(req.path)
    if (!route) return errorReply(404, 'Not Found')
    if (req.method !== route.method) {
      return jsonReply(405, { message: 'Method Not Allowed' }, { Allow: route.method })
    }
    const token = this.tokens.check(req.authorization)
    if (token !== 'valid') {
      const message = token === 'missing' ? '缺少存取權杖 (Authorization: Bearer)' : '存取權杖無效或已過期'
      return jsonReply(401, { message }, { 'WWW-Authenticate': 'Bearer' })
    }
    return route.handle(req)
  }

  // POST /v1/user/ocard/login {store_id, phone_number}
  private ocardLogin(req: ApiRequest): Reply {
    const parsed = jsonBody(req)
    if (!parsed.ok) return parsed.reply
    const { store_id: storeId, phone_number: phoneNumber } = parsed.value
    const missing = requiredString(storeId, 'store_id') ?? requiredString(phoneNumber, 'phone_number')
    if (missing) return missing
    if (!this.isKnownStore(storeId as string)) return errorReply(404, STORE_NOT_FOUND)
    const phone = parseWireMobile(phoneNumber)
    if (!phone) return errorReply(400, BAD_PHONE, { field: 'phone_number' })
    const member = this.members.findByPhone(phone.local)
    // The vendor's pages are silent here; we answer 404 with a message staff can read.
    if (!member) return errorReply(404, MEMBER_NOT_FOUND)
    return jsonReply(200, ocardLoginView(member))
  }

  // GET /v1/user/ocard?shop_id=&mobile= — "not a member" is a 200 with nulls.
  private ocardMemberData(req: ApiRequest): Reply {
    const shopId = req.query.get('shop_id') ?? ''
    const mobile = req.query.get('mobile') ?? ''
    const missing = requiredString(shopId, 'shop_id') ?? requiredString(mobile, 'mobile')
    if (missing) return missing
    if (!this.isKnownStore(shopId)) return errorReply(404, STORE_NOT_FOUND)
    const phone = parseWireMobile(mobile)
    if (!phone) return errorReply(400, BAD_PHONE, { field: 'mobile' })
    const member = this.members.findByPhone(phone.local)
    return jsonReply(200, member ? ocardMemberDataView(member) : notAMemberView())
  }

  // POST /v2/user
  private signUp(req: ApiRequest): Reply {
    const parsed = jsonBody(req)
    if (!parsed.ok) return parsed.reply
    return this.signup.signUp(parsed.value)
  }

  // GET /v1/stores → {"stores": [{id, name, phone, business_hours}]}
  private storeList(): Reply {
    return jsonReply(200, { stores: structuredClone(this.stores) })
  }

  // GET /v1/user/members?type=PHONE_NUMBER&id=<last 3 digits> | type=VIP_ID&id=<full id>
  private memberSearch(req: ApiRequest): Reply {
    const type = req.query.get('type')
    const id = req.query.get('id') ?? ''
    if (type === 'PHONE_NUMBER') {
      if (!/^\d{3}$/.test(id)) return errorReply(400, 'id 必須為手機號碼末三碼', { field: 'id' })
      return jsonReply(200, { members: this.members.findByPhoneSuffix(id).map(memberSummaryView) })
    }
    if (type === 'VIP_ID') {
      if (id.trim() === '') return errorReply(400, '缺少 id (會員編號)', { field: 'id' })
      return jsonReply(200, { members: this.members.findByVipId(id).map(memberSummaryView) })
    }
    return errorReply(400, 'type 只接受 PHONE_NUMBER 或 VIP_ID', { field: 'type' })
  }
}
