import type { ConversationState } from '@confab/shared';
import { useDisplayName } from '../directory/use-people';

/** A direct conversation is called after the other person; groups and channels by their name. */
export function useConversationTitle(state: ConversationState): string {
  const peerName = useDisplayName(state.kind === 'direct' ? state.peerId : null);
  if (state.kind === 'direct') return peerName;
  if (state.kind === 'channel') return `# ${state.name ?? 'channel'}`;
  return state.name ?? 'Group';
}
