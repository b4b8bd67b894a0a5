import type { Message } from '@confab/shared';
import type { ConversationView as View } from '@confab/shared/client';
import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { messageLink } from '../app/route';
import { Composer, type ComposerMode } from '../composer/Composer';
import { useConversation } from '../engine/use-client-store';
import { useConversationTitle } from '../sidebar/conversation-title';
import { useToast } from '../ui/toasts';
import { ConversationHeader } from './ConversationHeader';
import { DeleteMessageDialog } from './DeleteMessageDialog';
import { firstUnreadSeq } from './list-items';
import { MembersDialog } from './MembersDialog';
import { MessageList } from './MessageList';
import { type MessageActions, MessageActionsContext } from './message-actions';
import { TypingIndicator } from './TypingIndicator';
import { useAutoMarkRead } from './use-auto-mark-read';
import { useDocumentVisible } from './use-document-visible';
import { useMembers } from './use-members';

interface Props {
  conversationId: string;
  targetSeq: number | null;
  onBack(): void;
}

export function ConversationView(props: Props) {
  const view = useConversation(props.conversationId);
  if (view === undefined) return null; // left or removed: the shell shows the empty pane
  return <ConversationContent {...props} view={view} />;
}

function ConversationContent({ view, targetSeq, onBack }: Props & { view: View }) {
  const { client, me } = useApp();
  const toast = useToast();
  const { state } = view;
  const title = useConversationTitle(state);
  const [mode, setMode] = useState<ComposerMode>(null);
  const [deleting, setDeleting] = useState<Message | null>(null);
  const [membersOpen, setMembersOpen] = useState(false);
  const [atBottom, setAtBottom] = useState(true);
  const [readPaused, setReadPaused] = useState(false);
  const visible = useDocumentVisible();
  const looking = atBottom && visible;

  // "New messages" sits where the unread part began when the conversation was opened, or where
  // messages started arriving while nobody was looking.
  const [dividerSeq, setDividerSeq] = useState(() => firstUnreadSeq(view.messages, state.me.readSeq, me.id));
  useEffect(() => {
    if (dividerSeq !== null || looking) return;
    const seq = firstUnreadSeq(view.messages, state.me.readSeq, me.id);
    if (seq !== null) setDividerSeq(seq);
  }, [dividerSeq, looking, view.messages, state.me.readSeq, me.id]);
  useAutoMarkRead(view, looking, readPaused);

  const membershipVersion = view.messages.findLast((message) => message.kind === 'system')?.seq ?? 0;
  const members = useMembers(state, membershipVersion);
  const lastOwn = view.messages.findLast(
    (message) => message.senderId === me.id && message.kind === 'user' && message.deletedAt === null,
  );

  const actions = useMemo<MessageActions>(() => {
    const report = (error: unknown) => toast(describeError(error), 'error');
    return {
      reply: (message) => setMode({ kind: 'reply', message }),
      edit: (message) => setMode({ kind: 'edit', message }),
      remove: (message) => setDeleting(message),
      toggleReaction(message, emoji) {
        const mine = message.reactions.find((group) => group.emoji === emoji)?.userIds.includes(me.id);
        (mine ? client.unreact(message.id, emoji) : client.react(message.id, emoji)).catch(report);
      },
      copyLink(message) {
        const link = messageLink(window.location.origin, message.conversationId, message.seq);
        navigator.clipboard.writeText(link).then(
          () => toast('Link copied'),
          () => toast(link),
        );
      },
      markUnread(message) {
        setReadPaused(true);
        setDividerSeq(message.seq);
        client.markUnread(message.conversationId, message.seq).catch(report);
      },
      retry: (clientId) => client.retry(clientId),
      discard: (clientId) => client.discard(clientId),
    };
  }, [client, me.id, toast]);

  return (
    <MessageActionsContext.Provider value={actions}>
      <section className="conversation" aria-label={title}>
        <ConversationHeader
          state={state}
          title={title}
          onBack={onBack}
          onMembers={() => setMembersOpen(true)}
        />
        <MessageList
          view={view}
          title={title}
          dividerSeq={dividerSeq}
          targetSeq={targetSeq}
          onAtBottomChange={setAtBottom}
        />
        <TypingIndicator userIds={view.typingUserIds} />
        <Composer
          state={state}
          title={title}
          members={members}
          mode={mode}
          onModeChange={setMode}
          lastOwnMessage={lastOwn}
          onSent={() => setReadPaused(false)}
        />
      </section>
      {deleting && (
        <DeleteMessageDialog
          message={deleting}
          onClose={() => setDeleting(null)}
          onConfirm={() => {
            setDeleting(null);
            client.remove(deleting.id).catch((error: unknown) => toast(describeError(error), 'error'));
          }}
        />
      )}
      {membersOpen && (
        <MembersDialog
          state={state}
          members={members}
          onClose={() => setMembersOpen(false)}
          onLeft={() => {
            setMembersOpen(false);
            onBack();
          }}
        />
      )}
    </MessageActionsContext.Provider>
  );
}
