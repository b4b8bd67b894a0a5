import type { NotificationSettings } from '@confab/shared';
import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { createNotificationSettingsApi, type PushStatus } from '../push';

const PREVIEWS: { value: NotificationSettings['preview']; label: string }[] = [
  { value: null, label: 'Workspace default' },
  { value: 'full', label: 'Sender and message' },
  { value: 'sender', label: 'Sender only' },
  { value: 'none', label: 'Nothing but “New message”' },
];

const STATUS_TEXT: Record<PushStatus, string> = {
  unsupported: 'This browser cannot receive notifications here.',
  blocked: 'Notifications are blocked in this browser’s site settings.',
  'not-asked': 'Off.',
  off: 'Off.',
  on: 'On: you are notified on this device when none of your devices is open.',
};

/** Browser notifications for this device, and what they may show. */
export function NotificationsSection() {
  const { session, push } = useApp();
  const api = useMemo(() => createNotificationSettingsApi(session.authorized), [session]);
  const [status, setStatus] = useState<PushStatus | null>(null);
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    push.status().then(setStatus, () => setStatus('unsupported'));
    api.mine().then(setSettings, (failure: unknown) => setError(describeError(failure)));
  }, [push, api]);

  function toggle() {
    setError(null);
    const change = status === 'on' ? push.disable() : push.enable();
    change
      .then(() => push.status())
      .then(setStatus)
      .catch((failure: unknown) => setError(describeError(failure)));
  }

  function choosePreview(preview: NotificationSettings['preview']) {
    setError(null);
    api
      .updateMine({ preview })
      .then(setSettings)
      .catch((failure: unknown) => setError(describeError(failure)));
  }

  return (
    <section className="settings-section" aria-labelledby="notifications-heading">
      <h3 id="notifications-heading">Notifications</h3>
      <p className="hint">{status ? STATUS_TEXT[status] : 'Checking…'}</p>
      {status !== null && status !== 'unsupported' && status !== 'blocked' && (
        <button type="button" onClick={toggle}>
          {status === 'on' ? 'Turn off on this device' : 'Turn on for this device'}
        </button>
      )}
      {settings && (
        <label className="stack">
          What a notification shows
          <select
            value={settings.preview ?? ''}
            onChange={(event) =>
              choosePreview((event.target.value || null) as NotificationSettings['preview'])
            }
          >
            {PREVIEWS.map((choice) => (
              <option key={choice.label} value={choice.value ?? ''}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
