import { LIMITS } from '@confab/shared';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';

export function ProfileSection() {
  const { api, session, directory, me } = useApp();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      const user = await api.updateMe({ displayName: displayName.trim() });
      session.updateUser(user);
      directory.update(user);
      setNote({ text: 'Saved.', error: false });
    } catch (error) {
      setNote({ text: describeError(error), error: true });
    }
  }

  return (
    <section className="settings-section" aria-labelledby="profile-heading">
      <h3 id="profile-heading">Profile</h3>
      <form className="stack" onSubmit={save}>
        <label>
          Display name
          <input
            name="displayName"
            required
            maxLength={LIMITS.displayNameMaxChars}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </label>
        <p className="hint">
          Username: @{me.username} · {me.role === 'admin' ? 'Workspace admin' : 'Member'}
        </p>
        <div className="row">
          <button type="submit" className="primary" disabled={displayName.trim() === me.displayName}>
            Save profile
          </button>
          {note && (
            <span className={note.error ? 'form-error' : 'hint'} role="status">
              {note.text}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
