import { LIMITS, type Session } from '@confab/shared';
import { type FormEvent, useState } from 'react';
import { publicApi } from '../api/api';
import { describeError } from '../api/api-error';
import { deviceName } from './device-name';

/** First run: the workspace has no account yet, so this one becomes its admin. */
export function SetupScreen({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(
        await publicApi.setup({
          username: username.trim(),
          displayName: displayName.trim(),
          password,
          deviceName: deviceName(),
        }),
      );
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <main className="auth-screen">
      <form className="auth-card" onSubmit={submit} aria-labelledby="setup-title">
        <div className="brand" aria-hidden="true">
          Confab
        </div>
        <h1 id="setup-title">Set up your workspace</h1>
        <p className="hint">Create the administrator account. You can add everyone else afterwards.</p>
        <label>
          Your name
          <input
            name="displayName"
            autoComplete="name"
            required
            maxLength={LIMITS.displayNameMaxChars}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </label>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            pattern="[a-z0-9][a-z0-9._\-]*"
            title="lowercase letters, digits, “.”, “_” and “-”"
            maxLength={LIMITS.usernameMaxChars}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={LIMITS.passwordMinChars}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin account'}
        </button>
      </form>
    </main>
  );
}
