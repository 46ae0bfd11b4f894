// Secret hygiene: a whole counter session through createCore().dispatch, then a search of
// every IPC result, every log line and every byte in the data directory for the client
// secret, every access token the sandbox issued, and the members' phones and names.

import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import seedJson from '../../../resources/sandbox/seed.json'
import { allFiles, coreFor, envFor, EXAMPLE_PHONE, findLeaks, NOT_A_MEMBER, sandbox } from './helpers'

const seeded = (seedJson as { members: Array<{ phone: string; login: { user: { name: string } } }> }).members
const seededPhones = seeded.map((m) => m.phone)
const seededNames = seeded.map((m) => m.login.user.name)

const NEW_MEMBER = { phone: '0987111222', name: '黃測試', birthday: '1991-02-03', sex: 'female' as const }
const QUEUED_MEMBER = { phone: '0987333444', name: '周排隊', birthday: '1988-08-08', sex: 'male' as const }

/** Plain-text forms a phone or a name could take in a file. */
function plainForms(s: string): string[] {
  const forms = [s, JSON.stringify(s).slice(1, -1).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)]
  if (/^09\d{8}$/.test(s)) forms.push(`+886${s.slice(1)}`, `886${s.slice(1)}`)
  return forms
}

describe('secret hygiene over a full session', () => {
  it('no secret, token, phone or name leaks into IPC results, logs or data files', async () => {
    const sb = await sandbox()
    const { call, results, dataDir, core, logLines } = await coreFor(envFor(sb, { POS_CLIENT_SECRET: undefined }))
    const expectOk = async (channel: string, arg?: unknown) => {
      const r = await call(channel, arg)
      expect(r.ok, `${channel} ${JSON.stringify(r)}`).toBe(true)
      return r
    }
    const expectError = async (code: string, channel: string, arg?: unknown) => {
      const r = await call(channel, arg)
      expect(r, channel).toMatchObject({ ok: false, error: { code } })
      return r
    }

    // Configure and test the connection.
    await expectOk('settings:setSecret', { secret: sb.clientSecret })
    expect(await call('settings:testConnection')).toMatchObject({ ok: true, value: { ok: true } })
    await expectOk('settings:get')
    await expectOk('app:info')

    // The counter's day.
    for (const phone of seededPhones) await expectOk('member:lookup', { phone })
    await expectOk('member:lookup', { phone: '+886 903-515-908' })
    await expectOk('member:find', { phone: EXAMPLE_PHONE })
    await expectError('NOT_FOUND', 'member:find', { phone: NOT_A_MEMBER })
    await expectOk('member:search', { by: 'phoneSuffix', value: '678' })
    await expectOk('member:search', { by: 'vipId', value: 'BLK-000001' })
    await expectOk('stores:list')

    // Sign-ups: one created, one queued (503), one refused by the vendor, one invalid.
    expect(await call('member:signup', NEW_MEMBER)).toMatchObject({ ok: true, value: { status: 'created' } })
    sb.faults.failNext(503, 1, undefined, { paths: ['/v2/user'] })
    expect(await call('member:signup', QUEUED_MEMBER)).toMatchObject({ ok: true, value: { status: 'queued' } })
    // The queued sign-up goes out now (find first, then POST), so no background send races
    // the faults below.
    expect(await call('outbox:sendNow')).toMatchObject({ ok: true, value: { pending: 0, done: 1 } })
    await call('member:signup', { phone: '0912345678', name: '王小明' })
    await expectError('VALIDATION', 'member:signup', { phone: '0912', birthday: '2999-01-01' })

    // A revoked token, refreshed transparently; then credentials refused for good.
    sb.faults.revokeTokens()
    await expectOk('member:lookup', { phone: '0928765432' })
    sb.faults.failNext(401, 2)
    await expectError('UNAUTHORIZED', 'member:find', { phone: EXAMPLE_PHONE })

    // Broken answers, and the vendor down: the offline copy is served.
    // (Aimed at the login: member data is fetched beside it, for the carrier.)
    sb.faults.failNext(200, 1, 'not the login payload', { paths: ['/v1/user/ocard/login'] })
    await expectError('VENDOR', 'member:lookup', { phone: EXAMPLE_PHONE })
    sb.faults.failNext(503, 3, undefined, { paths: ['/v1/user/ocard/login'] })
    expect(await call('member:lookup', { phone: EXAMPLE_PHONE })).toMatchObject({ ok: true, value: { source: 'cache' } })

    await expectOk('outbox:list')
    expect(sb.stats.signupPosts).toBe(4) // created, 503, duplicate, the outbox's send

    await core.close()

    // At least: the connection test's token, the one after the revocation, the one after the 401s.
    const tokens = [...sb.stats.issuedTokens]
    expect(tokens.length).toBeGreaterThanOrEqual(3)
    const credentials = [sb.clientSecret, ...tokens]

    // 1. IPC results.
    expect(results.length).toBeGreaterThan(25)
    expect(findLeaks(JSON.stringify(results), credentials)).toEqual([])

    // 2. Log files (read directly, every line).
    const lines = logLines()
    expect(lines.length).toBeGreaterThan(20)
    const logText = lines.map((l) => JSON.stringify(l)).join('\n')
    expect(findLeaks(logText, credentials)).toEqual([])
    // Phones appear masked where they appear at all.
    expect(logText).toContain('0903***908')
    expect(logText).toContain('0987***444')

    // 3. Every file in the data directory, as bytes, plain and base64/base64url/hex.
    const files = allFiles(dataDir)
    const names = files.map((f) => relative(dataDir, f.path)).sort()
    expect(names).toEqual(expect.arrayContaining(['settings.json', 'store/CURRENT', 'logs/app.log']))
    expect(names.filter((n) => /^store\/\d+\.(log|ldb)$/.test(n)).length).toBeGreaterThan(0) // the cache's and the outbox's records
    const personal = [...seededPhones, ...seededNames, NEW_MEMBER.phone, NEW_MEMBER.name, QUEUED_MEMBER.phone, QUEUED_MEMBER.name].flatMap(plainForms)
    for (const f of files) {
      const where = relative(dataDir, f.path)
      expect(findLeaks(f.bytes, credentials), where).toEqual([])
      const text = f.bytes.toString('utf8')
      expect(personal.filter((p) => text.includes(p)), where).toEqual([])
      expect(personal.filter((p) => where.includes(p)), 'file name').toEqual([])
    }
    // Sanity: the scan would see a leak if there were one.
    expect(findLeaks(readFileSync(files[0]!.path), [files[0]!.bytes.toString('base64').slice(8, 40)]).length + findLeaks(`x${credentials[1]}y`, credentials).length).toBeGreaterThan(0)
  })
})
