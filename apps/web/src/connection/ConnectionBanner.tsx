import type { ConnectionState } from '@confab/shared/client';
import { useEffect, useState } from 'react';
import { useApp } from '../app/app-context';
import { useConnectionState } from '../engine/use-client-store';
import { bannerText } from './banner-text';

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** A first connection that takes less than this shows no banner at all (no flicker at start). */
const QUIET_CONNECT_MS = 1_500;

function useQuietFirstConnect(state: ConnectionState): boolean {
  const quiet = state.status === 'connecting' && state.attempt === 0;
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    setWaited(false);
    if (!quiet) return;
    const timer = setTimeout(() => setWaited(true), QUIET_CONNECT_MS);
    return () => clearTimeout(timer);
  }, [quiet]);
  return quiet && !waited;
}

/** A strip above the chat, never over it: reading and writing go on while it shows. */
export function ConnectionBanner() {
  const { client } = useApp();
  const state = useConnectionState();
  const now = useNow(state.status === 'waiting');
  const quiet = useQuietFirstConnect(state);
  const text = quiet ? null : bannerText(state, now);
  if (text === null) return null;
  return (
    <div className={`connection-banner connection-${state.status}`} role="status" aria-live="polite">
      <span>{text}</span>
      {state.status === 'waiting' && (
        <button type="button" className="link-button" onClick={() => client.reconnectNow()}>
          Retry now
        </button>
      )}
      {state.status === 'closed' && (
        <button type="button" className="link-button" onClick={() => window.location.reload()}>
          Reload
        </button>
      )}
    </div>
  );
}
