import type { Message } from '@confab/shared';
import { Dialog } from '../ui/Dialog';
import { plainPreview } from './ReplyQuote';

export function DeleteMessageDialog(props: { message: Message; onConfirm(): void; onClose(): void }) {
  return (
    <Dialog title="Delete message?" onClose={props.onClose}>
      <p>Everyone in the conversation will see “message deleted” instead of:</p>
      <blockquote className="reply-quote">{plainPreview(props.message.body)}</blockquote>
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={props.onConfirm}>
          Delete
        </button>
      </div>
    </Dialog>
  );
}
