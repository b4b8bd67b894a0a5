import type { ConversationState, NotificationLevel } from '@confab/shared';
import { useId } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { useToast } from '../ui/toasts';

const LEVELS: { value: NotificationLevel; label: string }[] = [
  { value: 'all', label: 'Notify: all' },
  { value: 'mentions', label: 'Notify: mentions' },
  { value: 'muted', label: 'Muted' },
];

/** Per conversation: notify about everything, only mentions, or nothing. */
export function NotificationLevelSelect({ state }: { state: ConversationState }) {
  const { api, client } = useApp();
  const toast = useToast();
  const id = useId();
  return (
    <span className="notification-level">
      <label htmlFor={id} className="sr-only">
        Notifications
      </label>
      <select
        id={id}
        value={state.me.notificationLevel}
        title="Notifications"
        onChange={(event) => {
          api.setNotificationLevel(state.id, event.target.value as NotificationLevel).then(
            (next) => client.adoptState(next),
            (error: unknown) => toast(describeError(error), 'error'),
          );
        }}
      >
        {LEVELS.map((level) => (
          <option key={level.value} value={level.value}>
            {level.label}
          </option>
        ))}
      </select>
    </span>
  );
}
