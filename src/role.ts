import type { WindowRole } from '@shared/contract'

// Which window this page is. The customer display is `/customer` in browser mode and
// `index.html?role=customer` in the desktop app; main and browser mode's host enforce the
// role themselves (by window, by socket) — this only picks what to render and which socket.
export const windowRole: WindowRole =
  window.location.pathname === '/customer' || new URLSearchParams(window.location.search).get('role') === 'customer' ? 'customer' : 'staff'
