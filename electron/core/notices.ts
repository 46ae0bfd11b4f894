// What the app must tell staff about itself: data kept aside because it could not be read,
// a keyring that is not available, a configuration problem. Each notice is a code with
// parameters (never a sentence), so the renderer words it in the staff's language and a
// language switch re-words it. Raised once per code and parameters; staff dismiss them.
//
// A NoticeStore, when attached (the local database, once it is open), keeps them across
// restarts: the file a notice names has already been moved aside, so a notice lost with a
// restart would leave the loss unsaid.
import { randomUUID } from 'node:crypto'
import type { Notice, NoticeCode, NoticeKind } from '../shared/contract'
import { SealedRecords, type SealedRecordsOptions } from './storage/sealed-records'

export interface NoticeStore {
  load(): Promise<Notice[]>
  save(notice: Notice): Promise<void>
  remove(id: string): Promise<void>
}

export interface NoticesOptions {
  now?: () => Date
  /** Every raise is also logged (codes and parameters only: file names and counts). */
  onRaise?: (notice: Notice) => void
}

const sameNotice = (a: Notice, b: Pick<Notice, 'code' | 'params'>) =>
  a.code === b.code && JSON.stringify(a.params) === JSON.stringify(b.params)

export class Notices {
  private notices: Notice[] = []
  private readonly listeners = new Set<(list: Notice[]) => void>()
  private readonly now: () => Date
  private readonly onRaise: (notice: Notice) => void
  private store: NoticeStore | null = null

  constructor(opts: NoticesOptions = {}) {
    this.now = opts.now ?? (() => new Date())
    this.onRaise = opts.onRaise ?? (() => undefined)
  }

  raise(kind: NoticeKind, code: NoticeCode, params: Notice['params'] = {}): Notice {
    const existing = this.notices.find((n) => sameNotice(n, { code, params }))
    if (existing) return existing
    const notice: Notice = { id: randomUUID(), kind, code, params: { ...params }, at: this.now().toISOString() }
    this.notices.push(notice)
    this.onRaise(notice)
    void this.store?.save(notice).catch(() => undefined)
    this.emit()
    return notice
  }

  list(): Notice[] {
    return structuredClone(this.notices)
  }

  /** Staff have read it; returns what is left. An unknown id changes nothing. */
  async dismiss(id: string): Promise<Notice[]> {
    const before = this.notices.length
    this.notices = this.notices.filter((n) => n.id !== id)
    if (this.notices.length !== before) {
      await this.store?.remove(id)
      this.emit()
    }
    return this.list()
  }

  /**
   * Keeps notices in `store` from now on: those stored by earlier runs come back (after the ones
   * raised so far), and the ones raised before the store could open are written to it.
   */
  async attach(store: NoticeStore): Promise<void> {
    const earlier = await store.load()
    this.store = store
    for (const n of this.notices) await store.save(n)
    const fresh = earlier.filter((e) => !this.notices.some((n) => n.id === e.id || sameNotice(n, e)))
    if (fresh.length === 0) return
    this.notices = [...fresh, ...this.notices].sort((a, b) => a.at.localeCompare(b.at))
    this.emit()
  }

  onChange(listener: (list: Notice[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(): void {
    const list = this.list()
    for (const l of this.listeners) l(list)
  }
}

const isNotice = (x: unknown): x is Notice => {
  const o = x as Record<string, unknown> | null
  return typeof o === 'object' && o !== null && typeof o.id === 'string' && typeof o.code === 'string' && typeof o.at === 'string'
}

/** Notices kept in the local database, one sealed record each, until staff dismiss them. */
export async function openNoticeStore(storage: Omit<SealedRecordsOptions<Notice>, 'kind' | 'valid' | 'durable'>): Promise<NoticeStore> {
  const { records, loaded } = await SealedRecords.open({ ...storage, kind: 'notice', valid: isNotice, durable: true })
  return {
    load: () => Promise.resolve(loaded.map((r) => r.value)),
    save: (notice) => records.put(notice.id, notice),
    remove: (id) => records.remove(id),
  }
}
