import { createHmac } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore } from '../../../electron/core/app-core'
import { FileKeyProtector } from '../../../electron/core/storage/key-protector'
import { Vault } from '../../../electron/core/storage/vault'
import { startDemoVendor } from '../../../electron/sandbox/demo'
import type { Notice, OutboxItem, Result } from '../../../electron/shared/contract'
import { onCleanup, tempDir } from '../cleanup'

// The old whole-file storage (outbox.dat, members.cache) is moved into the database once and
// then kept aside as <name>.migrated-<time>; an old file that cannot be read is kept aside as
// <name>.damaged-<time> and said.

const dataDir = () => tempDir('cc-migrate-')

async function start(dir: string) {
  const demo = await startDemoVendor()
  const core = await createCore({ dataDir: dir, env: {}, shell: 'browser', keyProtector: new FileKeyProtector(), version: 'test', platform: 'linux', demo: demo.vendor })
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await core.close()
    await demo.close()
  }
  onCleanup(close)
  const call = async <T>(channel: string) => ((await core.dispatch(channel, undefined, 'staff')) as Result<T> & { ok: true }).value
  return { core, close, notices: () => call<Notice[]>('notices:list'), outbox: () => call<OutboxItem[]>('outbox:list') }
}

/** The data key browser mode uses, as the old version left it. */
const oldVault = (dir: string) => Vault.open(join(dir, 'keys', 'file'), new FileKeyProtector())

const OLD_OUTBOX = {
  v: 1,
  items: [
    {
      id: 'old-1',
      state: 'failed',
      form: { phone: '0966000001', name: '舊排隊一', password: 'pw-old-1' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:01:00.000Z',
      attempts: [{ at: '2026-01-01T00:01:00.000Z', outcome: 'failed', message: '手機號碼格式錯誤' }],
      lastError: '手機號碼格式錯誤',
      memberId: null,
      sentOnce: false,
      nextAttemptAt: null,
    },
    {
      id: 'old-2',
      state: 'pending',
      form: { phone: '0966000002', name: '舊排隊二' },
      createdAt: '2026-01-02T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
      attempts: [{ at: '2026-01-02T00:00:00.000Z', outcome: 'retry', message: 'Interrupted while sending (the app closed); checking before sending again.' }],
      lastError: null,
      memberId: null,
      sentOnce: true,
      nextAttemptAt: '2099-01-01T00:00:00.000Z',
    },
  ],
}

function oldCache(vault: Vault) {
  const key = vault.deriveKey('member-cache/index')
  const at = new Date().toISOString()
  return { v: 1, entries: ['0912345678', '0987654321'].map((p) => [createHmac('sha256', key).update(p).digest('hex'), at, { profile: { id: `m-${p}` } }]) }
}

describe('moving the old files into the database', () => {
  it('migrates once: items and copies in the database, reasons as codes, the files kept aside as .migrated-', async () => {
    const dir = dataDir()
    const vault = oldVault(dir)
    vault.writeJson(join(dir, 'outbox.dat'), OLD_OUTBOX)
    vault.writeJson(join(dir, 'members.cache'), oldCache(vault))
    const first = await start(dir)
    expect(await first.notices()).toEqual([])
    const items = await first.outbox()
    expect(items.map((i) => [i.id, i.state, i.passwordSet])).toEqual([
      ['old-1', 'failed', true],
      ['old-2', 'pending', false],
    ])
    expect(items[0]!.lastError).toEqual({ code: 'VENDOR', vendorMessage: '手機號碼格式錯誤' })
    expect(items[1]!.attempts[0]!.reason).toEqual({ code: 'interrupted' })
    expect(JSON.stringify(items)).not.toContain('pw-old-1')
    expect(await first.core.storedRecords('member')).toBe(2)
    const names = readdirSync(dir)
    expect(names.filter((n) => n.startsWith('outbox.dat.migrated-'))).toHaveLength(1)
    expect(names.filter((n) => n.startsWith('members.cache.migrated-'))).toHaveLength(1)
    expect(names).not.toContain('outbox.dat')
    await first.close()

    const second = await start(dir)
    expect((await second.outbox()).map((i) => i.id)).toEqual(['old-1', 'old-2'])
    expect(readdirSync(dir).filter((n) => n.includes('.migrated-'))).toHaveLength(2)
  })

  const damages: Record<string, (dir: string, file: string) => void> = {
    flipped: (dir, file) => {
      const vault = oldVault(dir)
      vault.writeJson(join(dir, file), file === 'outbox.dat' ? OLD_OUTBOX : oldCache(vault))
      const b = readFileSync(join(dir, file))
      b[b.length - 2] = (b[b.length - 2] ?? 0) ^ 1
      writeFileSync(join(dir, file), b)
    },
    torn: (dir, file) => {
      const vault = oldVault(dir)
      vault.writeJson(join(dir, file), file === 'outbox.dat' ? OLD_OUTBOX : oldCache(vault))
      writeFileSync(join(dir, file), readFileSync(join(dir, file)).subarray(0, 40))
    },
    'zero length': (dir, file) => writeFileSync(join(dir, file), ''),
    foreign: (dir, file) => writeFileSync(join(dir, file), '{"v":1,"items":[]}'),
    'sealed with another key': (dir, file) => {
      oldVault(dir)
      Vault.open(join(dir, 'elsewhere'), new FileKeyProtector()).writeJson(join(dir, file), { v: 1, items: [] })
    },
  }
  for (const [file, code] of [
    ['outbox.dat', 'outboxFileDamaged'],
    ['members.cache', 'cacheFileDamaged'],
  ] as const) {
    for (const [how, damage] of Object.entries(damages)) {
      it(`an old ${file} ${how}: kept aside as .damaged-, the app starts and says so`, async () => {
        const dir = dataDir()
        damage(dir, file)
        const bytes = readFileSync(join(dir, file))
        const app = await start(dir)
        const notices = await app.notices()
        expect(notices).toMatchObject([{ kind: 'storage', code, params: { file: expect.stringMatching(new RegExp(`^${file}\\.damaged-`)) } }])
        expect(readFileSync(join(dir, String(notices[0]!.params.file))).equals(bytes)).toBe(true)
        expect(await app.outbox()).toEqual([])
      })
    }
  }
})
