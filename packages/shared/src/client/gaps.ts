import { type Clock, systemClock, type TimerHandle } from './clock.js';
import type { Conversations } from './conversations.js';

/**
 * Events of concurrent writes can arrive slightly out of order (each is emitted after its own
 * commit), so a gap is only acted on if it is still there after this grace period.
 */
export const GAP_GRACE_MS = 250;

export interface GapWatcher {
  /** A conversation may be missing seqs or changes. */
  notice(conversationId: string): void;
  stop(): void;
}

export function createGapWatcher(deps: {
  conversations: Conversations;
  /** Missing seqs: `history:fetch { afterSeq: highSeq }`. */
  fillGap(conversationId: string): void;
  /** Missing changes: a catch-up. */
  requestCatchUp(): void;
  clock?: Clock;
  graceMs?: number;
}): GapWatcher {
  const clock = deps.clock ?? systemClock;
  const noticed = new Set<string>();
  let timer: TimerHandle | undefined;

  function check() {
    timer = undefined;
    let missingChanges = false;
    for (const conversationId of noticed) {
      const store = deps.conversations.get(conversationId);
      if (store?.hasSeqGap) deps.fillGap(conversationId);
      if (store?.missingChanges) missingChanges = true;
    }
    noticed.clear();
    if (missingChanges) deps.requestCatchUp();
  }

  return {
    notice(conversationId) {
      noticed.add(conversationId);
      timer ??= clock.setTimeout(check, deps.graceMs ?? GAP_GRACE_MS);
    },
    stop() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      noticed.clear();
    },
  };
}
