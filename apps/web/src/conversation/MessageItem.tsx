import type { Message } from '@confab/shared';
import { memo } from 'react';
import { useDisplayName } from '../directory/use-people';
import { MessageMarkdown } from '../markdown/MessageMarkdown';
import { Avatar } from '../ui/Avatar';
import { formatDateTime, formatTime } from '../ui/time';
import { MessageToolbar } from './MessageToolbar';
import { Reactions } from './Reactions';
import { Receipt, type ReceiptStatus, SeenBy } from './Receipt';
import { ReplyQuote } from './ReplyQuote';
import { SystemMessage } from './SystemMessage';

export interface MessageItemProps {
  message: Message;
  grouped: boolean;
  mine: boolean;
  parent: Message | undefined;
  receipt: ReceiptStatus | null;
  seenBy: readonly string[] | null;
  highlighted: boolean;
}

export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message, grouped, mine } = props;
  const author = useDisplayName(message.senderId);
  if (message.kind === 'system') return <SystemMessage message={message} />;
  const deleted = message.deletedAt !== null;
  const classes = [
    'message',
    grouped ? 'grouped' : '',
    mine ? 'mine' : '',
    props.highlighted ? 'highlighted' : '',
  ];

  return (
    <article
      className={classes.filter(Boolean).join(' ')}
      aria-label={`${author}, ${formatTime(message.createdAt)}`}
      data-seq={message.seq}
      // Focusable so the toolbar shows up for keyboard and touch too.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a message is a focus stop for its actions
      tabIndex={0}
    >
      <div className="message-gutter">
        {grouped ? (
          <time className="gutter-time" dateTime={message.createdAt}>
            {formatTime(message.createdAt)}
          </time>
        ) : (
          <Avatar name={author} seed={message.senderId} size={36} />
        )}
      </div>
      <div className="message-main">
        {!grouped && (
          <header className="message-header">
            <span className="author">{author}</span>
            <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
              {formatTime(message.createdAt)}
            </time>
          </header>
        )}
        {message.replyTo !== null && !deleted && <ReplyQuote parent={props.parent} />}
        {deleted ? (
          <p className="tombstone">message deleted</p>
        ) : (
          <div className="message-body">
            <MessageMarkdown body={message.body} />
            {message.editedAt !== null && (
              <>
                {' '}
                <span className="edited">(edited)</span>
              </>
            )}
          </div>
        )}
        <Reactions message={message} />
        {(props.receipt !== null || props.seenBy !== null) && (
          <div className="message-status">
            {props.receipt !== null && <Receipt status={props.receipt} />}
            {props.seenBy !== null && <SeenBy names={props.seenBy} />}
          </div>
        )}
      </div>
      <MessageToolbar message={message} mine={mine} />
    </article>
  );
});
