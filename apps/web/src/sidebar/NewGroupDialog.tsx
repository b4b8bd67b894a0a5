import { LIMITS } from '@confab/shared';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { Dialog } from '../ui/Dialog';
import { PersonPicker } from './PersonPicker';

/** A private group (chosen members) or a public channel (anyone may browse and join). */
export function NewGroupDialog(props: { onClose(): void; onOpen(conversationId: string): void }) {
  const { api, client, me } = useApp();
  const [kind, setKind] = useState<'group' | 'channel'>('group');
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [members, setMembers] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const state = await api.createConversation({
        kind,
        name: name.trim(),
        ...(topic.trim() ? { topic: topic.trim() } : {}),
        memberIds: [...members],
      });
      client.adoptState(state);
      props.onOpen(state.id);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={kind === 'group' ? 'New group' : 'New channel'} onClose={props.onClose}>
      <form className="stack" onSubmit={submit}>
        <fieldset className="segmented">
          <legend>Kind</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'group'} onChange={() => setKind('group')} />
            Private group
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              checked={kind === 'channel'}
              onChange={() => setKind('channel')}
            />
            Public channel
          </label>
        </fieldset>
        <label>
          Name
          <input
            name="name"
            required
            maxLength={LIMITS.conversationNameMaxChars}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label>
          Topic (optional)
          <input
            name="topic"
            maxLength={250}
            value={topic}
            onChange={(event) => setTopic(event.target.value)}
          />
        </label>
        <fieldset>
          <legend>Members{members.size > 0 ? ` (${members.size} chosen)` : ''}</legend>
          <PersonPicker
            exclude={new Set([me.id])}
            selected={members}
            onPick={(user) =>
              setMembers((current) => {
                const next = new Set(current);
                if (!next.delete(user.id)) next.add(user.id);
                return next;
              })
            }
          />
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Create
        </button>
      </form>
    </Dialog>
  );
}
