import { useEffect } from 'react';
import { useApp } from '../app/app-context';

/**
 * Tells the engine when the browser loses or regains its network: an open WebSocket can outlive
 * the network for a long while, so waiting for it to time out would leave sends hanging.
 */
export function useNetworkStatus(): void {
  const { client } = useApp();
  useEffect(() => {
    const update = () => client.setOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [client]);
}
