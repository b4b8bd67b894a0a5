import type { ConversationState } from '@confab/shared';
import { useConversation, usePresence } from '../engine/use-client-store';
import { useConversationTitle } from './conversation-title';
import { PresenceDot } from './PresenceDot';

export function ConversationItem(props: {
  state: ConversationState;
  selected: boolean;
  onSelect(conversationId: string): void;
}) {
  const { state } = props;
  const view = useConversation(state.id);
  const title = useConversationTitle(state);
  const presence = usePresence(state.kind === 'direct' ? state.peerId : null);
  const unread = view?.unread ?? { count: 0, mentions: 0 };
  const muted = state.me.notificationLevel === 'muted';
  const unreadLabel = unread.count === 1 ? '1 unread message' : `${unread.count} unread messages`;

  return (
    <li>
      <a
        href={`/c/${state.id}`}
        className={`conversation-item${unread.count > 0 && !muted ? ' unread' : ''}`}
        aria-current={props.selected ? 'page' : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          props.onSelect(state.id);
        }}
      >
        <span className="conversation-icon" aria-hidden={state.kind !== 'direct'}>
          {state.kind === 'direct' ? (
            <PresenceDot status={presence?.status} />
          ) : state.kind === 'channel' ? (
            '#'
          ) : (
            <span className="group-icon">{title.slice(0, 1).toUpperCase()}</span>
          )}
        </span>
        <span className="conversation-name">{state.kind === 'channel' ? title.slice(2) : title}</span>
        {muted && (
          <span className="muted-mark" title="Muted" role="img" aria-label="Muted">
            🔕
          </span>
        )}
        {unread.mentions > 0 && (
          <span className="badge badge-mention">
            <span aria-hidden="true">@{unread.mentions}</span>
            <span className="sr-only">
              {unread.mentions === 1 ? '1 mention' : `${unread.mentions} mentions`}
            </span>
          </span>
        )}
        {unread.count > 0 && (
          <span className={muted ? 'badge badge-muted' : 'badge'}>
            <span aria-hidden="true">{unread.count}</span>
            <span className="sr-only">{unreadLabel}</span>
          </span>
        )}
      </a>
    </li>
  );
}
