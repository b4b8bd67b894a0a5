import type { Message } from '@confab/shared';
import { plainPreview } from '../conversation/ReplyQuote';
import { useDisplayName } from '../directory/use-people';

/** Above the text box: the message being replied to or edited, with a way out. */
export function ComposerContext(props: { kind: 'reply' | 'edit'; message: Message; onCancel(): void }) {
  const author = useDisplayName(props.message.senderId);
  return (
    <div className="composer-context">
      <span>
        {props.kind === 'reply' ? (
          <>
            Replying to <strong>{author}</strong>: {plainPreview(props.message.body, 80)}
          </>
        ) : (
          <>Editing your message · Enter saves, Escape cancels</>
        )}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label={props.kind === 'reply' ? 'Cancel reply' : 'Cancel editing'}
        onClick={props.onCancel}
      >
        ✕
      </button>
    </div>
  );
}
