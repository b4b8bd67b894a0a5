import type { Session } from '@confab/shared';
import type { ConfabClient } from '@confab/shared/client';
import { createContext, useContext } from 'react';
import type { Api } from '../api/api';
import type { Directory } from '../directory/directory';
import type { PushNotifications } from '../push';
import type { SessionManager } from '../session/session-manager';

/** What every part of the signed-in app reaches for. */
export interface AppServices {
  session: SessionManager;
  me: Session['user'];
  api: Api;
  client: ConfabClient;
  directory: Directory;
  push: PushNotifications;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (services === null) throw new Error('useApp outside the signed-in app');
  return services;
}
