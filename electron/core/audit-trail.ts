import type { AuditLog } from './audit'
import type { CoreEvents } from './events'
import type { Logger } from './log'

// What the audit log records, subscribed in one place: the services and handlers only
// announce what happened on the bus.

export function recordAuditTrail(bus: CoreEvents, audit: AuditLog, log: Logger): void {
  bus.on('signup:sent', (e) => audit.record('signup.sent', e))
  bus.on('outbox:discarded', (e) => audit.record('outbox.discard', e))
  bus.on('settings:edited', (e) => audit.record('settings.change', e))
  bus.on('member:searched', (e) => audit.record('member.search', e))
  bus.on('member:searchRefused', (e) => audit.record('member.searchRefused', e))
  bus.on('admin:pin', (e) => {
    if (e.type === 'pinSet') audit.record('admin.pinSet', { changed: e.changed })
    else if (e.type === 'pinFailed') audit.record('admin.pinFailed', { failures: e.failures })
    else audit.record('admin.lockedOut', { until: e.until })
    log.info({ event: e.type }, 'admin pin')
  })
}
