import type { ConversationState } from '@confab/shared';
import { useEffect, useState } from 'react';
import { usePresence } from '../engine/use-client-store';
import { PRESENCE_LABEL, PresenceDot } from '../sidebar/PresenceDot';
import { formatLastSeen } from '../ui/time';
import { NotificationLevelSelect } from './NotificationLevelSelect';

function PeerStatus({ peerId }: { peerId: string | null }) {
  const presence = usePresence(peerId);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const status = presence?.status ?? 'offline';
  return (
    <span className="header-subtitle">
      <PresenceDot status={status} />{' '}
      {status === 'offline' ? formatLastSeen(presence?.lastSeenAt ?? null, now) : PRESENCE_LABEL[status]}
    </span>
  );
}

export function ConversationHeader(props: {
  state: ConversationState;
  title: string;
  onBack(): void;
  onMembers(): void;
}) {
  const { state } = props;
  return (
    <header className="conversation-header">
      <button
        type="button"
        className="icon-button back-button"
        aria-label="Back to conversations"
        onClick={props.onBack}
      >
        ←
      </button>
      <div className="header-titles">
        <h1>{props.title}</h1>
        {state.kind === 'direct' ? (
          <PeerStatus peerId={state.peerId} />
        ) : (
          <span className="header-subtitle">
            {state.memberCount} {state.memberCount === 1 ? 'member' : 'members'}
            {state.topic ? ` · ${state.topic}` : ''}
          </span>
        )}
      </div>
      <div className="header-actions">
        <NotificationLevelSelect state={state} />
        {state.kind !== 'direct' && (
          <button type="button" onClick={props.onMembers}>
            Members
          </button>
        )}
      </div>
    </header>
  );
}
