import type { ConnectionState } from '@confab/shared/client';

/** What the connection banner says, or null for no banner. */
export function bannerText(state: ConnectionState, now: number): string | null {
  switch (state.status) {
    case 'connected':
    case 'idle':
    case 'needs-auth':
      return null;
    case 'connecting':
      return state.attempt === 0 ? 'Connecting…' : 'Reconnecting…';
    case 'waiting':
      return `Reconnecting in ${Math.max(1, Math.ceil((state.retryAt - now) / 1_000))} s`;
    case 'offline':
      return 'You are offline. Messages you write will be sent when you are back.';
    case 'closed':
      return state.reason === 'unsupported_protocol'
        ? 'This version of Confab is out of date. Reload the page.'
        : null;
  }
}
