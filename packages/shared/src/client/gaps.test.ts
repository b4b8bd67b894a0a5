import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from './clock.js';
import { ConversationStore } from './conversation-store.js';
import type { Conversations } from './conversations.js';
import { createGapWatcher, GAP_GRACE_MS } from './gaps.js';
import { CONVERSATION, conversationState, message, messages } from './testing/fixtures.js';

function setup() {
  const clock = createManualClock();
  const store = ConversationStore.empty(conversationState({ lastSeq: 3, lastChangeSeq: 3 }));
  store.reset(messages(1, 3), 3);
  const fillGap = vi.fn();
  const requestCatchUp = vi.fn();
  const conversations = { get: (id: string) => (id === CONVERSATION ? store : undefined) } as Conversations;
  const gaps = createGapWatcher({ conversations, fillGap, requestCatchUp, clock });
  return { clock, store, gaps, fillGap, requestCatchUp };
}

describe('gap watcher', () => {
  it('leaves alone a gap that closes within the grace period (events out of order)', () => {
    const { clock, store, gaps, fillGap, requestCatchUp } = setup();
    store.applySnapshot(message(5));
    gaps.notice(CONVERSATION);
    store.applySnapshot(message(4));
    clock.advance(GAP_GRACE_MS);
    expect(fillGap).not.toHaveBeenCalled();
    expect(requestCatchUp).not.toHaveBeenCalled();
  });

  it('a device that receives seq N+2 after N fetches N+1, and catches up the missed change', () => {
    const { clock, store, gaps, fillGap, requestCatchUp } = setup();
    store.applySnapshot(message(5));
    gaps.notice(CONVERSATION);
    clock.advance(GAP_GRACE_MS);
    expect(fillGap).toHaveBeenCalledWith(CONVERSATION);
    expect(requestCatchUp).toHaveBeenCalledOnce();
  });

  it('a missed edit alone asks for a catch-up, not for history', () => {
    const { clock, store, gaps, fillGap, requestCatchUp } = setup();
    store.applySnapshot(message(2, { changeSeq: 5 }));
    gaps.notice(CONVERSATION);
    clock.advance(GAP_GRACE_MS);
    expect(fillGap).not.toHaveBeenCalled();
    expect(requestCatchUp).toHaveBeenCalledOnce();
  });
});
