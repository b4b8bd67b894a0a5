import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { publicApi } from '../api/api';
import { describeError } from '../api/api-error';
import { SetupScreen } from '../session/SetupScreen';
import { SignInScreen } from '../session/SignInScreen';
import type { SessionManager } from '../session/session-manager';
import { ChatApp } from './ChatApp';

type Setup = { status: 'checking' } | { status: 'needed' | 'done' } | { status: 'failed'; error: string };

/** Signed in: the chat. Otherwise the first-run setup (no account yet) or the sign-in form. */
export function App({ session }: { session: SessionManager }) {
  const current = useSyncExternalStore(session.subscribe, session.current);
  const [setup, setSetup] = useState<Setup>({ status: 'checking' });
  const signedIn = current !== null;

  const checkSetup = useCallback(() => {
    setSetup({ status: 'checking' });
    publicApi.setupStatus().then(
      ({ needed }) => setSetup({ status: needed ? 'needed' : 'done' }),
      (error: unknown) => setSetup({ status: 'failed', error: describeError(error) }),
    );
  }, []);
  useEffect(() => {
    if (!signedIn) checkSetup();
  }, [signedIn, checkSetup]);

  if (current !== null) return <ChatApp key={`${current.user.id}/${current.deviceId}`} session={session} />;
  switch (setup.status) {
    case 'checking':
      return <div className="splash">Loading…</div>;
    case 'needed':
      return <SetupScreen onSignedIn={session.signedIn} />;
    case 'done':
      return <SignInScreen onSignedIn={session.signedIn} />;
    case 'failed':
      return (
        <main className="auth-screen">
          <div className="auth-card" role="alert">
            <h1>Confab is not reachable</h1>
            <p>{setup.error}</p>
            <button type="button" className="primary" onClick={checkSetup}>
              Try again
            </button>
          </div>
        </main>
      );
  }
}
