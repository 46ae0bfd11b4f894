// How a member record looks through each read endpoint, in the vendor's wire shapes.

import { parseTaiwanMobile } from '../shared/phone'
import type { MemberRecord } from './members'
import type { WireOcardLogin, WireOcardMemberData, WireMemberData, WireMemberSummary } from './wire'

/** POST /v1/user/ocard/login: the stored payload, verbatim (a copy, so callers cannot edit it). */
export function ocardLoginView(m: MemberRecord): WireOcardLogin {
  return structuredClone(m.login)
}

/** GET /v1/user/ocard for a phone that is not a member: HTTP 200, exactly the vendor's "沒資料" example. */
export function notAMemberView(): WireOcardMemberData {
  return {
    member: { head_image: null, id: null, name: null, mobile: null, group_id: null, group_name: null },
    point_card: null,
  }
}

function memberData(m: MemberRecord): WireMemberData {
  const member: WireMemberData = {
    head_image: m.head_image,
    id: m.login.user.id,
    name: m.login.user.name,
    mobile: parseTaiwanMobile(m.phone)?.local ?? m.phone,
    group_id: m.group_id,
    group_name: m.login.vip.name,
  }
  // The vendor leaves `carrier` out when the member has none (its second example).
  if (m.carrier !== undefined) member.carrier = m.carrier
  return member
}

/** GET /v1/user/ocard for a member. The point card lacks the login's display fields. */
export function ocardMemberDataView(m: MemberRecord): WireOcardMemberData {
  const { decimal_point: _decimal, is_one_point: _onePoint, ...card } = structuredClone(m.login.point_card)
  return { member: memberData(m), point_card: card }
}

/** One row of GET /v1/user/members. Here `carrier` is always present (null when none). */
export function memberSummaryView(m: MemberRecord): WireMemberSummary {
  return {
    id: m.login.user.id,
    name: m.login.user.name,
    mobile: m.phone,
    group_id: m.group_id,
    group_name: m.login.vip.name,
    head_image: m.head_image,
    carrier: m.carrier ?? null,
  }
}
