import type { Session } from '@confab/shared';
import { useState } from 'react';
import { publicApi } from '../api/api';
import { AuthCard } from './AuthCard';
import { deviceName } from './device-name';

export function SignInScreen({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  return (
    <AuthCard
      title="Sign in"
      submitLabel="Sign in"
      busyLabel="Signing in…"
      signIn={() => publicApi.logIn({ username: username.trim(), password, deviceName: deviceName() })}
      onSignedIn={onSignedIn}
    >
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
    </AuthCard>
  );
}
