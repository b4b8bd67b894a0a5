import { useNameOf } from '../directory/use-people';
import { typingText } from './typing-text';

export function TypingIndicator({ userIds }: { userIds: readonly string[] }) {
  const nameOf = useNameOf();
  return (
    <div className="typing-indicator" aria-live="polite">
      {typingText(userIds.map(nameOf))}
    </div>
  );
}
