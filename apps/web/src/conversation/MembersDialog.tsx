import type { ConversationState, Member } from '@confab/shared';
import { useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { useNameOf } from '../directory/use-people';
import { PersonPicker } from '../sidebar/PersonPicker';
import { Avatar } from '../ui/Avatar';
import { Dialog } from '../ui/Dialog';

/** Who is in a group or channel; add people, remove them (owners and admins), or leave. */
export function MembersDialog(props: {
  state: ConversationState;
  members: readonly Member[];
  onClose(): void;
  onLeft(): void;
}) {
  const { api, client, me } = useApp();
  const nameOf = useNameOf();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { state } = props;
  const canRemove = state.me.role === 'owner' || state.me.role === 'admin';
  const fail = (failure: unknown) => setError(describeError(failure));

  return (
    <Dialog title={`Members of ${state.name ?? 'this conversation'}`} onClose={props.onClose}>
      <ul className="member-list">
        {props.members.map((member) => (
          <li key={member.userId} className="member-row">
            <Avatar name={nameOf(member.userId)} seed={member.userId} size={28} />
            <span className="person-name">
              {nameOf(member.userId)}
              {member.userId === me.id ? ' (you)' : ''}
            </span>
            {member.role !== 'member' && <span className="role-tag">{member.role}</span>}
            {canRemove && member.userId !== me.id && member.role !== 'owner' && (
              <button
                type="button"
                aria-label={`Remove ${nameOf(member.userId)}`}
                onClick={() => api.removeMember(state.id, member.userId).catch(fail)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {adding ? (
        <PersonPicker
          exclude={new Set(props.members.map((member) => member.userId))}
          onPick={(user) => {
            api.addMembers(state.id, [user.id]).then((next) => client.adoptState(next), fail);
          }}
        />
      ) : (
        <div className="dialog-actions">
          <button type="button" onClick={() => setAdding(true)}>
            Add people
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => api.leave(state.id).then(props.onLeft, fail)}
          >
            Leave {state.kind === 'channel' ? 'channel' : 'group'}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
