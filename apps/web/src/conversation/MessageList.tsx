import type { Message } from '@confab/shared';
import type { ConversationView } from '@confab/shared/client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../app/app-context';
import { useNameOf } from '../directory/use-people';
import { useConnectionState } from '../engine/use-client-store';
import { buildListItems, type ListItem } from './list-items';
import { MessageItem } from './MessageItem';
import { PendingItem } from './PendingItem';
import type { ReceiptStatus } from './Receipt';

const AT_BOTTOM_PX = 48;
const LOAD_OLDER_WITHIN_PX = 600;

function estimate(item: ListItem | undefined): number {
  switch (item?.kind) {
    case 'message': {
      const base = item.message.kind === 'system' ? 32 : item.grouped ? 30 : 64;
      return base + (item.day ? 36 : 0) + (item.divider ? 36 : 0);
    }
    case 'pending':
      return item.grouped ? 48 : 76;
    default:
      return 60;
  }
}

function findBySeq(messages: readonly Message[], seq: number): Message | undefined {
  let low = 0;
  let high = messages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const message = messages[middle];
    if (message === undefined) return undefined;
    if (message.seq === seq) return message;
    if (message.seq < seq) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/**
 * The conversation's messages in seq order, virtualized: only the rows on screen exist in the
 * DOM, so ten thousand loaded messages scroll like ten. Older history loads near the top with the
 * view held in place; at the bottom it follows new messages.
 */
export function MessageList(props: {
  view: ConversationView;
  title: string;
  dividerSeq: number | null;
  targetSeq: number | null;
  onAtBottomChange(atBottom: boolean): void;
}) {
  const { client, me } = useApp();
  const nameOf = useNameOf();
  const { state, messages, pending } = props.view;
  const firstSeq = messages[0]?.seq ?? state.lastSeq + 1;
  // The server may hold nothing older (retention) even when the first seq held is above 1.
  const [historyEndsAt, setHistoryEndsAt] = useState<number | null>(null);
  const atBeginning = firstSeq <= 1 || historyEndsAt === firstSeq;
  const items = useMemo(
    () => buildListItems({ messages, pending, dividerSeq: props.dividerSeq, atBeginning, myId: me.id }),
    [messages, pending, props.dividerSeq, atBeginning, me.id],
  );

  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimate(items[index]),
    getItemKey: (index) => items[index]?.key ?? index,
    overscan: 8,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: AT_BOTTOM_PX,
  });

  const [atBottom, setAtBottom] = useState(true);
  const atBottomRef = useRef(true);
  const { onAtBottomChange } = props;
  const measureAtBottom = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const value = element.scrollHeight - element.scrollTop - element.clientHeight < AT_BOTTOM_PX;
    if (value === atBottomRef.current) return;
    atBottomRef.current = value;
    setAtBottom(value);
    onAtBottomChange(value);
  }, [onAtBottomChange]);

  // History comes over the socket: wait for it, and after a failure wait a little before trying
  // again (the retry re-runs the effects that asked).
  const connected = useConnectionState().status === 'connected';
  const loadingRef = useRef(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderFailed, setOlderFailed] = useState(false);
  useEffect(() => {
    if (!olderFailed) return;
    const timer = setTimeout(() => setOlderFailed(false), 3_000);
    return () => clearTimeout(timer);
  }, [olderFailed]);
  const loadOlder = useCallback(
    (limit?: number) => {
      if (loadingRef.current || atBeginning || !connected || olderFailed) return;
      loadingRef.current = true;
      setLoadingOlder(true);
      client
        .loadOlder(state.id, limit)
        .then(({ hasMore }) => {
          if (!hasMore) setHistoryEndsAt(client.conversation(state.id)?.messages[0]?.seq ?? null);
        })
        .catch(() => setOlderFailed(true))
        .finally(() => {
          loadingRef.current = false;
          setLoadingOlder(false);
        });
    },
    [client, state.id, atBeginning, connected, olderFailed],
  );

  const scrollToEnd = useCallback(() => {
    if (items.length > 0) virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
  }, [virtualizer, items.length]);

  // Opening: the linked message, else the "new messages" divider, else the latest message.
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || items.length === 0) return;
    opened.current = true;
    const divider = items.findIndex((item) => item.kind === 'message' && item.divider);
    if (props.targetSeq === null && divider >= 0) virtualizer.scrollToIndex(divider, { align: 'start' });
    else virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
  });

  // A copied link: load older pages until the message is there, then bring it into view.
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const reachedTarget = useRef<number | null>(null);
  useEffect(() => {
    const seq = props.targetSeq;
    if (seq === null || reachedTarget.current === seq || loadingOlder) return;
    const index = items.findIndex((item) => item.kind === 'message' && item.message.seq === seq);
    if (index >= 0) {
      reachedTarget.current = seq;
      virtualizer.scrollToIndex(index, { align: 'center' });
      setHighlighted(seq);
    } else if (seq < firstSeq) {
      loadOlder(200);
    }
  }, [props.targetSeq, items, firstSeq, virtualizer, loadOlder, loadingOlder]);

  // My own new message: show it, wherever I had scrolled to.
  const pendingCount = useRef(pending.length);
  useEffect(() => {
    if (pending.length > pendingCount.current) scrollToEnd();
    pendingCount.current = pending.length;
  }, [pending.length, scrollToEnd]);

  // Too few messages to scroll: fetch older ones until the view is full or history ends.
  useEffect(() => {
    const element = scrollRef.current;
    if (element && element.scrollHeight <= element.clientHeight + LOAD_OLDER_WITHIN_PX) loadOlder();
    measureAtBottom();
  });

  const onScroll = () => {
    const element = scrollRef.current;
    if (element && element.scrollTop < LOAD_OLDER_WITHIN_PX) loadOlder();
    measureAtBottom();
  };

  const peerReceipt =
    state.kind === 'direct' ? state.receipts.find((receipt) => receipt.userId === state.peerId) : undefined;
  const receiptFor = (message: Message): ReceiptStatus | null => {
    if (state.kind !== 'direct' || message.senderId !== me.id || message.kind !== 'user') return null;
    if (message.deletedAt !== null) return null;
    if (peerReceipt === undefined) return 'sent';
    if (peerReceipt.readSeq >= message.seq) return 'read';
    if (peerReceipt.deliveredSeq >= message.seq) return 'delivered';
    return 'sent';
  };
  const lastOwnSeq =
    state.kind === 'direct'
      ? undefined
      : messages.findLast((m) => m.senderId === me.id && m.kind === 'user' && m.deletedAt === null)?.seq;
  const seenBy = (seq: number) =>
    state.receipts.filter((receipt) => receipt.readSeq >= seq).map((receipt) => nameOf(receipt.userId));

  const latest = messages.at(-1);
  const announcement =
    latest && latest.senderId !== me.id && latest.kind === 'user' && latest.deletedAt === null
      ? `${nameOf(latest.senderId)}: ${latest.body.slice(0, 200)}`
      : '';

  function render(item: ListItem) {
    switch (item.kind) {
      case 'start':
        return (
          <p className="list-start">
            {state.kind === 'direct'
              ? `This is the beginning of your conversation with ${props.title}.`
              : `This is the beginning of ${props.title}.`}
          </p>
        );
      case 'pending':
        return <PendingItem entry={item.entry} grouped={item.grouped} />;
      case 'message': {
        const { message } = item;
        return (
          <>
            {item.day && (
              // biome-ignore lint/a11y/useSemanticElements: a separator with a visible label, which <hr> cannot hold
              <div className="day-separator" role="separator">
                <span>{item.day}</span>
              </div>
            )}
            {item.divider && (
              // biome-ignore lint/a11y/useSemanticElements: a separator with a visible label, which <hr> cannot hold
              <div className="new-divider" role="separator" aria-label="New messages">
                <span>New messages</span>
              </div>
            )}
            <MessageItem
              message={message}
              grouped={item.grouped}
              mine={message.senderId === me.id}
              parent={message.replyTo ? findBySeq(messages, message.replyTo.seq) : undefined}
              receipt={receiptFor(message)}
              seenBy={message.seq === lastOwnSeq ? seenBy(message.seq) : null}
              highlighted={message.seq === highlighted}
            />
          </>
        );
      }
    }
  }

  return (
    <div className="message-list">
      <section
        ref={scrollRef}
        className="message-scroller"
        onScroll={onScroll}
        aria-label={`Messages in ${props.title}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
      >
        <div className="message-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const item = items[virtual.index];
            if (item === undefined) return null;
            return (
              <div
                key={virtual.key}
                data-index={virtual.index}
                ref={virtualizer.measureElement}
                className="message-row"
                style={{ transform: `translateY(${virtual.start}px)` }}
              >
                {render(item)}
              </div>
            );
          })}
        </div>
      </section>
      {loadingOlder && (
        <div className="loading-older" role="status">
          Loading earlier messages…
        </div>
      )}
      {!atBottom && (
        <button type="button" className="jump-latest" onClick={scrollToEnd}>
          Jump to latest ↓
        </button>
      )}
      <div className="sr-only" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}
