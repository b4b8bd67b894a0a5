import type { OutboxEntry } from '@confab/shared/client';
import { useApp } from '../app/app-context';
import { MessageMarkdown } from '../markdown/MessageMarkdown';
import { Avatar } from '../ui/Avatar';
import { formatTime } from '../ui/time';
import { useMessageActions } from './message-actions';

/** One of my messages the server has not confirmed: sending, or failed with a retry. */
export function PendingItem({ entry, grouped }: { entry: OutboxEntry; grouped: boolean }) {
  const { me } = useApp();
  const actions = useMessageActions();
  const failed = entry.state === 'failed';
  return (
    <article
      className={`message mine pending${grouped ? ' grouped' : ''}${failed ? ' failed' : ''}`}
      aria-label={`${me.displayName}, ${failed ? 'not sent' : 'sending'}`}
    >
      <div className="message-gutter">
        {grouped ? null : <Avatar name={me.displayName} seed={me.id} size={36} />}
      </div>
      <div className="message-main">
        {!grouped && (
          <header className="message-header">
            <span className="author">{me.displayName}</span>
            <time dateTime={entry.createdAt}>{formatTime(entry.createdAt)}</time>
          </header>
        )}
        <div className="message-body">
          <MessageMarkdown body={entry.body} />
        </div>
        <div className="message-status">
          {failed ? (
            <span className="send-failed" role="alert">
              Not sent: {entry.error.message}{' '}
              <button type="button" className="link-button" onClick={() => actions.retry(entry.clientId)}>
                Retry
              </button>{' '}
              <button type="button" className="link-button" onClick={() => actions.discard(entry.clientId)}>
                Discard
              </button>
            </span>
          ) : (
            <span className="receipt receipt-pending" role="img" aria-label="Sending" title="Sending">
              🕓
            </span>
          )}
        </div>
      </div>
    </article>
  );
}
