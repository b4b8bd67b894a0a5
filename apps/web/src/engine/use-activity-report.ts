import { useEffect } from 'react';
import { useApp } from '../app/app-context';

/** No input for this long, or the tab hidden as long, makes this device idle ("away" once all are). */
export const IDLE_AFTER_MS = 5 * 60_000;

export function useActivityReport(): void {
  const { client } = useApp();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const idleLater = () => {
      clearTimeout(timer);
      timer = setTimeout(() => client.setActive(false), IDLE_AFTER_MS);
    };
    const active = () => {
      if (document.visibilityState !== 'visible') return;
      client.setActive(true);
      idleLater();
    };
    const events = ['pointerdown', 'keydown', 'pointermove', 'wheel', 'focus'] as const;
    for (const event of events) window.addEventListener(event, active, { passive: true });
    document.addEventListener('visibilitychange', active);
    idleLater();
    return () => {
      clearTimeout(timer);
      for (const event of events) window.removeEventListener(event, active);
      document.removeEventListener('visibilitychange', active);
    };
  }, [client]);
}
