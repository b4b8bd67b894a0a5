import { useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { Dialog } from '../ui/Dialog';
import { PersonPicker } from './PersonPicker';

export function NewDirectDialog(props: { onClose(): void; onOpen(conversationId: string): void }) {
  const { api, client, me } = useApp();
  const [error, setError] = useState<string | null>(null);

  return (
    <Dialog title="New message" onClose={props.onClose}>
      <PersonPicker
        exclude={new Set([me.id])}
        onPick={(user) => {
          api.openDirect(user.id).then(
            (state) => {
              client.adoptState(state);
              props.onOpen(state.id);
            },
            (failure: unknown) => setError(describeError(failure)),
          );
        }}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
