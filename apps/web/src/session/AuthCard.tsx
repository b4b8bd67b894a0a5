import type { Session } from '@confab/shared';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { describeError } from '../api/api-error';

/**
 * The card of the signed-out screens (sign in, first-run setup): title, fields, the server's
 * refusal in words, and a submit button that is busy while the request runs.
 */
export function AuthCard({
  title,
  hint,
  submitLabel,
  busyLabel,
  signIn,
  onSignedIn,
  children,
}: {
  title: string;
  hint?: string;
  submitLabel: string;
  busyLabel: string;
  /** The request that yields the session, with the fields' values. */
  signIn(): Promise<Session>;
  onSignedIn(session: Session): void;
  children: ReactNode;
}) {
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn());
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <main className="auth-screen">
      <form className="auth-card" onSubmit={submit} aria-labelledby={titleId}>
        <div className="brand" aria-hidden="true">
          Confab
        </div>
        <h1 id={titleId}>{title}</h1>
        {hint && <p className="hint">{hint}</p>}
        {children}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </form>
    </main>
  );
}
