import { useApp } from '../app/app-context';
import type { ShellDialog } from '../app/Shell';
import { useConnectionState, useConversations, usePresence } from '../engine/use-client-store';
import { Avatar } from '../ui/Avatar';
import { ConversationItem } from './ConversationItem';
import { PRESENCE_LABEL, PresenceDot } from './PresenceDot';

/** Every conversation, most recent activity first, with what is unread. */
export function Sidebar(props: {
  selectedId: string | null;
  onSelect(conversationId: string): void;
  onDialog(dialog: ShellDialog): void;
}) {
  const { me } = useApp();
  const conversations = useConversations();
  // While this device is disconnected, nobody sees it: show that rather than the last status heard.
  const connected = useConnectionState().status === 'connected';
  const presence = usePresence(me.id);
  const myStatus = connected ? (presence?.status ?? 'online') : 'offline';

  return (
    <nav className="sidebar" aria-label="Conversations">
      <header className="sidebar-header">
        <button
          type="button"
          className="me-button"
          onClick={() => props.onDialog('settings')}
          aria-label={`Settings — ${me.displayName}, ${PRESENCE_LABEL[myStatus]}`}
        >
          <span className="avatar-with-dot">
            <Avatar name={me.displayName} seed={me.id} />
            <PresenceDot status={myStatus} />
          </span>
          <span className="me-name">{me.displayName}</span>
          <span aria-hidden="true" className="gear">
            ⚙
          </span>
        </button>
      </header>
      <div className="sidebar-actions">
        <button type="button" onClick={() => props.onDialog('new-direct')}>
          New message
        </button>
        <button type="button" onClick={() => props.onDialog('new-group')}>
          New group
        </button>
        <button type="button" onClick={() => props.onDialog('channels')}>
          Channels
        </button>
        <button type="button" onClick={() => props.onDialog('search')} aria-keyshortcuts="Control+K">
          Search
        </button>
      </div>
      {conversations.length === 0 ? (
        <p className="sidebar-empty">No conversations yet.</p>
      ) : (
        <ul className="conversation-list">
          {conversations.map((state) => (
            <ConversationItem
              key={state.id}
              state={state}
              selected={state.id === props.selectedId}
              onSelect={props.onSelect}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}
