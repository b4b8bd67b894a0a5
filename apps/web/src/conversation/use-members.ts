import type { ConversationState, Member } from '@confab/shared';
import { useEffect, useState } from 'react';
import { useApp } from '../app/app-context';

/** The conversation's members, fetched again when its membership changes. */
export function useMembers(state: ConversationState, membershipVersion: number): readonly Member[] {
  const { api } = useApp();
  const [members, setMembers] = useState<readonly Member[]>([]);
  const conversationId = state.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: membershipVersion and memberCount are the refetch triggers
  useEffect(() => {
    let current = true;
    api.members(conversationId).then(
      (list) => {
        if (current) setMembers(list.members);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [api, conversationId, state.memberCount, membershipVersion]);
  return members;
}
