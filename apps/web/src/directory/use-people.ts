import type { UserProfile } from '@confab/shared';
import { useEffect, useSyncExternalStore } from 'react';
import { useApp } from '../app/app-context';

export function usePerson(userId: string | null | undefined): UserProfile | undefined {
  const { directory } = useApp();
  const user = useSyncExternalStore(directory.subscribe, () => (userId ? directory.user(userId) : undefined));
  useEffect(() => {
    if (userId && user === undefined) directory.noteUnknown(userId);
  }, [directory, userId, user]);
  return user;
}

/** A person's display name, "you" for oneself when asked. */
export function useDisplayName(userId: string | null | undefined, options: { you?: boolean } = {}): string {
  const { me } = useApp();
  const user = usePerson(userId);
  if (options.you && userId === me.id) return 'You';
  return user?.displayName ?? 'Someone';
}

export function usePeople(): readonly UserProfile[] {
  const { directory } = useApp();
  return useSyncExternalStore(directory.subscribe, directory.all);
}

/** For lists of ids (typing, seen by): names without a hook per id. */
export function useNameOf(): (userId: string) => string {
  const { directory } = useApp();
  useSyncExternalStore(directory.subscribe, directory.all);
  return (userId) => directory.user(userId)?.displayName ?? 'Someone';
}
