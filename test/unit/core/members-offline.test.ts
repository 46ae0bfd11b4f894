import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../electron/core/errors'
import { createLogger } from '../../../electron/core/log'
import type { MemberCache } from '../../../electron/core/member-cache'
import { MemberService } from '../../../electron/core/members'
import type { Outbox } from '../../../electron/core/outbox'
import type { VendorClient } from '../../../electron/core/vendor/http'
import type { MemberView } from '../../../electron/shared/types'

const view = { profile: { name: '林雅婷' }, fetchedAt: '2026-11-23T10:00:00+08:00', source: 'live' } as unknown as MemberView

function service(offline: boolean, known = true) {
  const queued: unknown[] = []
  const requests: string[] = []
  const vendor = {
    request: async (r: { path: string }) => {
      requests.push(r.path)
      throw new AppFailure('OFFLINE', '')
    },
  } as unknown as VendorClient
  const cache = { get: () => (known ? { view, fetchedAt: view.fetchedAt, ageMs: 60_000 } : null), put: () => {} } as unknown as MemberCache
  const outbox = { enqueue: (form: unknown) => (queued.push(form), { id: 'o1' }) } as unknown as Outbox
  const members = new MemberService({ vendor: () => vendor, storeId: () => '9920', log: createLogger({ dir: null }), cache, outbox, isOffline: () => offline })
  return { members, requests, queued }
}

describe('lookup while the vendor is known to be unreachable', () => {
  it('serves the offline copy at once, without trying the vendor', async () => {
    const { members, requests } = service(true)
    const got = await members.lookup('0928765432')
    expect(got.source).toBe('cache')
    expect(got.fetchedAt).toBe(view.fetchedAt)
    expect(requests).toEqual([])
  })

  it('still asks the vendor first when the connection is not known to be down', async () => {
    const { members, requests } = service(false)
    const got = await members.lookup('0928765432')
    expect(got.source).toBe('cache')
    expect(requests).toEqual(['/v1/user/ocard/login'])
  })
})

describe('a sign-up while the vendor cannot be reached', () => {
  it('is not queued when this counter’s offline copy knows the number: staff are told at once', async () => {
    const { members, queued } = service(true)
    const refused = await members.signup({ phone: '0928765432', name: '林雅婷' }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AppFailure)
    expect((refused as AppFailure).code).toBe('CONFLICT')
    expect((refused as AppFailure).toAppError().fields).toEqual({ phone: 'signup.memberOffline' })
    expect(queued).toEqual([])
  })

  it('is queued when the offline copy does not know the number', async () => {
    const { members, queued } = service(true, false)
    expect(await members.signup({ phone: '0928765432' })).toEqual({ status: 'queued', outboxId: 'o1' })
    expect(queued).toEqual([{ phone: '0928765432' }])
  })
})
