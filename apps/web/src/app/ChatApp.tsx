import { useEffect, useState, useSyncExternalStore } from 'react';
import { createApi } from '../api/api';
import { createDirectory } from '../directory/directory';
import { createClient } from '../engine/create-client';
import { createPushNotifications } from '../push';
import type { SessionManager } from '../session/session-manager';
import { createIndexedDbConversationStorage } from '../storage/conversation-storage';
import { forgetDeviceData } from '../storage/forget-device-data';
import { ToastProvider } from '../ui/toasts';
import { AppContext, type AppServices } from './app-context';
import { Shell } from './Shell';

type Services = Omit<AppServices, 'me' | 'session'>;

/** The signed-in app: one sync engine, API and directory for this user and device. */
export function ChatApp({ session }: { session: SessionManager }) {
  const me = useSyncExternalStore(session.subscribe, () => session.current()?.user);
  const userId = me?.id;
  const [services, setServices] = useState<Services | null>(null);

  useEffect(() => {
    if (userId === undefined) return;
    const api = createApi(session);
    const push = createPushNotifications({ authorized: session.authorized });
    void push.resume().catch(() => {});
    const storage = createIndexedDbConversationStorage(userId);
    const client = createClient(session, userId, storage);
    const directory = createDirectory(async () => (await api.users()).users);
    setServices({ api, client, directory, push });
    void client.start();
    directory.refresh().catch(() => {});
    return () => {
      void client.stop().then(async () => {
        await storage.close();
        // Signed out, revoked, or another account signed in: nothing of this one stays behind.
        if (session.current()?.user.id !== userId) forgetDeviceData(userId);
      });
    };
  }, [session, userId]);

  if (me === undefined || services === null) return <div className="splash">Loading…</div>;
  return (
    <AppContext.Provider value={{ ...services, session, me }}>
      <ToastProvider>
        <Shell />
      </ToastProvider>
    </AppContext.Provider>
  );
}
