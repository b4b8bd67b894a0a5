import type { Message, SystemEvent } from '@confab/shared';
import { useNameOf } from '../directory/use-people';

function describe(event: SystemEvent, nameOf: (userId: string) => string): string {
  const actor = nameOf(event.actorId);
  const people = new Intl.ListFormat(undefined, { type: 'conjunction' }).format(event.userIds.map(nameOf));
  switch (event.type) {
    case 'conversation_created':
      return `${actor} created this conversation`;
    case 'member_joined':
      return `${actor} joined`;
    case 'member_added':
      return `${actor} added ${people}`;
    case 'member_removed':
      return `${actor} removed ${people}`;
    case 'member_left':
      return `${actor} left`;
  }
}

/** Membership changes, in seq order among the messages. */
export function SystemMessage({ message }: { message: Message }) {
  const nameOf = useNameOf();
  if (message.systemEvent === null) return null;
  return <p className="system-message">{describe(message.systemEvent, nameOf)}</p>;
}
