import { Session, type UserProfile } from '@confab/shared';
import type { TokenRequest } from '@confab/shared/client';
import { ApiError } from '../api/api-error';
import { requestEmpty, requestJson } from '../api/http';
import { loadSession, onSessionStored, saveSession } from './session-storage';
import { needsRefresh } from './token-expiry';

/**
 * The signed-in session of this browser: kept in localStorage, refreshed before it expires or
 * when the server refuses it, and ended when the server no longer knows the device (revoked).
 */
export interface SessionManager {
  current(): Session | null;
  subscribe(listener: () => void): () => void;
  signedIn(session: Session): void;
  /** Revokes this device on the server (best effort) and forgets the session. */
  signOut(): Promise<void>;
  /** For the sync engine: a token good for a while, or null when signed out. */
  getAccessToken(request?: TokenRequest): Promise<string | null>;
  /** An authenticated API call; on `401` the token is refreshed once and the call repeated. */
  authorized<T>(call: (token: string) => Promise<T>): Promise<T>;
  updateUser(user: UserProfile): void;
}

export function createSessionManager(): SessionManager {
  let session = loadSession();
  const listeners = new Set<() => void>();
  let refreshing: Promise<Session | null> | null = null;

  function adopt(next: Session | null) {
    if (next === session) return;
    session = next;
    for (const listener of [...listeners]) listener();
  }

  function store(next: Session | null) {
    saveSession(next);
    adopt(next);
  }

  onSessionStored(() => adopt(loadSession()));

  async function refreshOnce(staleToken: string): Promise<Session | null> {
    const stored = loadSession();
    // Another tab may have refreshed already: refresh tokens are single-use, so take its result.
    if (stored === null || stored.accessToken !== staleToken) {
      adopt(stored);
      return stored;
    }
    try {
      const next = await requestJson('/api/auth/refresh', Session, {
        method: 'POST',
        body: { refreshToken: stored.refreshToken },
      });
      store(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        store(null); // the device was revoked or the refresh token is gone
        return null;
      }
      throw error;
    }
  }

  // One refresh at a time in this tab, and across tabs with a Web Lock where the browser has them.
  async function lockedRefresh(staleToken: string): Promise<Session | null> {
    if (!navigator.locks) return refreshOnce(staleToken);
    return navigator.locks.request('confab.session.refresh', () => refreshOnce(staleToken));
  }

  function refresh(staleToken: string): Promise<Session | null> {
    const running =
      refreshing ??
      lockedRefresh(staleToken).finally(() => {
        refreshing = null;
      });
    refreshing = running;
    return running;
  }

  async function getAccessToken(request: TokenRequest = { refused: false }): Promise<string | null> {
    const current = session;
    if (current === null) return null;
    if (!request.refused && !needsRefresh(current.accessTokenExpiresAt, Date.now()))
      return current.accessToken;
    return (await refresh(current.accessToken))?.accessToken ?? null;
  }

  return {
    current: () => session,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signedIn: (next) => store(next),
    async signOut() {
      const current = session;
      store(null);
      if (current === null) return;
      await requestEmpty('/api/auth/logout', { method: 'POST', token: current.accessToken }).catch(() => {});
    },
    getAccessToken,
    async authorized(call) {
      const token = await getAccessToken();
      if (token === null) throw new ApiError(401, 'unauthorized', 'You are signed out.');
      try {
        return await call(token);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        const renewed = await refresh(token);
        if (renewed === null) throw error;
        return call(renewed.accessToken);
      }
    },
    updateUser(user) {
      if (session !== null) store({ ...session, user });
    },
  };
}
