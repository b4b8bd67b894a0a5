import { useApp } from './app-context';

/** Signing out also drops this device's push subscription, so nothing arrives for the next person. */
export function useSignOut(): () => void {
  const { session, push } = useApp();
  return () =>
    void push
      .disable()
      .catch(() => {})
      .finally(() => session.signOut());
}
