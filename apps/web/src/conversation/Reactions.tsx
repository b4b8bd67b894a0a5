import type { Message } from '@confab/shared';
import { useApp } from '../app/app-context';
import { useNameOf } from '../directory/use-people';
import { useMessageActions } from './message-actions';

export function Reactions({ message }: { message: Message }) {
  const { me } = useApp();
  const actions = useMessageActions();
  const nameOf = useNameOf();
  if (message.reactions.length === 0) return null;
  return (
    <ul className="reactions" aria-label="Reactions">
      {message.reactions.map((group) => {
        const mine = group.userIds.includes(me.id);
        const who = group.userIds.map((id) => (id === me.id ? 'you' : nameOf(id))).join(', ');
        return (
          <li key={group.emoji}>
            <button
              type="button"
              className={mine ? 'reaction mine' : 'reaction'}
              aria-pressed={mine}
              aria-label={`${group.emoji} ${group.userIds.length}, from ${who}`}
              title={who}
              onClick={() => actions.toggleReaction(message, group.emoji)}
            >
              <span aria-hidden="true">{group.emoji}</span>
              <span aria-hidden="true">{group.userIds.length}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
