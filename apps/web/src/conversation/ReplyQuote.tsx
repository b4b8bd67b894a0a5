import type { Message } from '@confab/shared';
import { useDisplayName } from '../directory/use-people';

export function plainPreview(body: string, max = 140): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The parent of a reply, quoted above it. It may not be loaded on this device. */
export function ReplyQuote({ parent }: { parent: Message | undefined }) {
  const author = useDisplayName(parent?.senderId);
  return (
    <blockquote className="reply-quote">
      {parent === undefined ? (
        <span className="hint">Reply to an earlier message</span>
      ) : (
        <>
          <span className="reply-author">{author}</span>{' '}
          <span className="reply-text">
            {parent.deletedAt !== null ? 'message deleted' : plainPreview(parent.body)}
          </span>
        </>
      )}
    </blockquote>
  );
}
