import { useEffect, useState } from 'react';
import { ConnectionBanner } from '../connection/ConnectionBanner';
import { ConversationView } from '../conversation/ConversationView';
import { useDesktopIntegration } from '../desktop/use-desktop-integration';
import { useActivityReport } from '../engine/use-activity-report';
import { useConnectionState, useConversation } from '../engine/use-client-store';
import { useNetworkStatus } from '../engine/use-network-status';
import { SearchDialog } from '../search/SearchDialog';
import { SettingsDialog } from '../settings/SettingsDialog';
import { BrowseChannelsDialog } from '../sidebar/BrowseChannelsDialog';
import { NewDirectDialog } from '../sidebar/NewDirectDialog';
import { NewGroupDialog } from '../sidebar/NewGroupDialog';
import { Sidebar } from '../sidebar/Sidebar';
import { useTitleUnread } from '../sidebar/use-title-unread';
import { useApp } from './app-context';
import { useRoute } from './use-route';

export type ShellDialog = 'new-direct' | 'new-group' | 'channels' | 'settings' | 'search';

/** Sidebar and conversation side by side; on a narrow screen one at a time. */
export function Shell() {
  const { session, client, me, directory, push } = useApp();
  const [route, navigate] = useRoute();
  const [dialog, setDialog] = useState<ShellDialog | null>(null);
  const connection = useConnectionState();
  const open = useConversation(route.conversationId);
  useNetworkStatus();
  useActivityReport();
  useTitleUnread();
  useDesktopIntegration(client, {
    userId: me.id,
    directory,
    activeConversationId: route.conversationId,
    openConversation: navigate,
  });

  // Ctrl+K / Cmd+K, or / outside a text field, opens search.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing =
        event.target instanceof HTMLElement &&
        event.target.closest('input, textarea, select, [contenteditable]');
      if ((event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
        event.preventDefault();
        setDialog('search');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A click on a push notification opens its conversation.
  useEffect(
    () =>
      push.onOpenConversation(({ conversationId, seq }) => {
        if (conversationId) navigate({ conversationId, messageSeq: seq });
      }),
    [push, navigate],
  );

  // The server refused even a refreshed token: this device has to sign in again.
  useEffect(() => {
    if (connection.status === 'needs-auth') void session.signOut();
  }, [connection.status, session]);

  const openConversation = (conversationId: string) => {
    setDialog(null);
    navigate({ conversationId, messageSeq: null });
  };
  const close = () => setDialog(null);
  const showing = route.conversationId !== null;

  return (
    <div className={showing ? 'shell showing-conversation' : 'shell'}>
      <ConnectionBanner />
      <div className="shell-panes">
        <Sidebar selectedId={route.conversationId} onSelect={openConversation} onDialog={setDialog} />
        <main className="conversation-pane">
          {route.conversationId !== null && open !== undefined ? (
            <ConversationView
              key={route.conversationId}
              conversationId={route.conversationId}
              targetSeq={route.messageSeq}
              onBack={() => navigate({ conversationId: null, messageSeq: null })}
            />
          ) : (
            <div className="empty-pane">
              <p>
                {route.conversationId !== null
                  ? 'This conversation is not available on this device (yet).'
                  : 'Pick a conversation, or start a new one.'}
              </p>
            </div>
          )}
        </main>
      </div>
      {dialog === 'new-direct' && <NewDirectDialog onClose={close} onOpen={openConversation} />}
      {dialog === 'new-group' && <NewGroupDialog onClose={close} onOpen={openConversation} />}
      {dialog === 'channels' && <BrowseChannelsDialog onClose={close} onOpen={openConversation} />}
      {dialog === 'settings' && <SettingsDialog onClose={close} />}
      {dialog === 'search' && (
        <SearchDialog
          onClose={close}
          onOpen={(conversationId, seq) => {
            setDialog(null);
            navigate({ conversationId, messageSeq: seq });
          }}
        />
      )}
    </div>
  );
}
