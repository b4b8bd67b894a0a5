import { type Clock, systemClock, type TimerHandle } from './clock.js';

export const DELIVERED_DELAY_MS = 500;

export interface DeliveryMarksOptions {
  /** The top of what this device holds without a gap. */
  highSeq(conversationId: string): number | undefined;
  /** `delivered:mark`. */
  emit(conversationId: string, seq: number): void;
  isConnected(): boolean;
  clock?: Clock;
}

export interface DeliveryMarks {
  /** Messages from others arrived in this conversation. */
  note(conversationId: string): void;
  /** Sends what is due now (after a catch-up) instead of waiting for the timer. */
  flush(): void;
  forget(conversationId: string): void;
  stop(): void;
}

/** Batches `delivered:mark`: one per conversation per ~500 ms, with the highest seq held. */
export function createDeliveryMarks(options: DeliveryMarksOptions): DeliveryMarks {
  const clock = options.clock ?? systemClock;
  const noted = new Set<string>();
  const sent = new Map<string, number>();
  let timer: TimerHandle | undefined;

  function flush() {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    if (!options.isConnected()) return; // kept for the flush after the next catch-up
    for (const conversationId of noted) {
      const seq = options.highSeq(conversationId);
      if (seq !== undefined && seq > (sent.get(conversationId) ?? 0)) {
        options.emit(conversationId, seq);
        sent.set(conversationId, seq);
      }
    }
    noted.clear();
  }

  return {
    note(conversationId) {
      noted.add(conversationId);
      timer ??= clock.setTimeout(flush, DELIVERED_DELAY_MS);
    },
    flush,
    forget(conversationId) {
      noted.delete(conversationId);
      sent.delete(conversationId);
    },
    stop() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
