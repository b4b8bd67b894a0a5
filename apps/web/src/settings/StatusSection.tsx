import type { ChosenStatus } from '@confab/shared';
import { useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { usePresence } from '../engine/use-client-store';
import { PRESENCE_LABEL, PresenceDot } from '../sidebar/PresenceDot';

const CHOICES: { value: ChosenStatus; label: string }[] = [
  { value: 'auto', label: 'Automatic (online when active, away when idle)' },
  { value: 'away', label: 'Away' },
  { value: 'dnd', label: 'Do not disturb' },
];

export function StatusSection() {
  const { client, me } = useApp();
  const presence = usePresence(me.id);
  const [chosen, setChosen] = useState<ChosenStatus>(
    presence?.status === 'dnd' ? 'dnd' : presence?.status === 'away' ? 'away' : 'auto',
  );
  const [error, setError] = useState<string | null>(null);

  function choose(status: ChosenStatus) {
    setChosen(status);
    setError(null);
    client.setStatus(status).catch((failure: unknown) => setError(describeError(failure)));
  }

  return (
    <section className="settings-section" aria-labelledby="status-heading">
      <h3 id="status-heading">Status</h3>
      <p className="hint">
        Others see you as <PresenceDot status={presence?.status ?? 'online'} />{' '}
        {PRESENCE_LABEL[presence?.status ?? 'online']}.
      </p>
      <fieldset className="stack">
        <legend className="sr-only">Your status</legend>
        {CHOICES.map((choice) => (
          <label key={choice.value} className="radio">
            <input
              type="radio"
              name="status"
              value={choice.value}
              checked={chosen === choice.value}
              onChange={() => choose(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
