import { LIMITS, type Session } from '@confab/shared';
import { useState } from 'react';
import { publicApi } from '../api/api';
import { AuthCard } from './AuthCard';
import { deviceName } from './device-name';

/** First run: the workspace has no account yet, so this one becomes its admin. */
export function SetupScreen({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');

  return (
    <AuthCard
      title="Set up your workspace"
      hint="Create the administrator account. You can add everyone else afterwards."
      submitLabel="Create admin account"
      busyLabel="Creating…"
      signIn={() =>
        publicApi.setup({
          username: username.trim(),
          displayName: displayName.trim(),
          password,
          deviceName: deviceName(),
        })
      }
      onSignedIn={onSignedIn}
    >
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
    </AuthCard>
  );
}
