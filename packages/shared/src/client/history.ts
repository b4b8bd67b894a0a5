import { LIMITS } from '../protocol/index.js';
import type { Conversations } from './conversations.js';
import { asRequestError, type ErrorReporter, RequestError } from './errors.js';
import type { Ingest } from './ingest.js';
import type { Requester } from './request.js';

export const OLDER_PAGE_SIZE = 50;

export interface History {
  /** One page before the loaded range (`history:fetch { beforeSeq: lowSeq }`). */
  loadOlder(conversationId: string, limit?: number): Promise<{ hasMore: boolean }>;
  /** Fetches the seqs between highSeq and the messages held above it. */
  fillGap(conversationId: string): void;
}

export function createHistory(deps: {
  requester: Requester;
  conversations: Conversations;
  ingest: Ingest;
  onError: ErrorReporter;
}): History {
  const { requester, conversations, ingest } = deps;
  const loadingOlder = new Map<string, Promise<{ hasMore: boolean }>>();
  const filling = new Set<string>();

  async function loadOlderOnce(conversationId: string, limit: number): Promise<{ hasMore: boolean }> {
    const store = conversations.get(conversationId);
    if (store === undefined) throw new RequestError('not_found', 'unknown conversation');
    const beforeSeq = store.lowSeq;
    if (beforeSeq <= 1) return { hasMore: false };
    store.beginLoadOlder();
    try {
      const page = await requester.request('history:fetch', { conversationId, beforeSeq, limit });
      // A reset meanwhile moved the range: this page no longer joins on to it.
      if (conversations.get(conversationId) !== store || store.lowSeq !== beforeSeq) return { hasMore: true };
      store.addOlder(page.messages);
      conversations.changed(conversationId);
      ingest.applied(conversationId, page.messages);
      return { hasMore: page.hasMore };
    } finally {
      store.endLoadOlder();
    }
  }

  async function fill(conversationId: string) {
    for (;;) {
      const store = conversations.get(conversationId);
      if (store === undefined || !store.hasSeqGap) return;
      const afterSeq = store.highSeq;
      const page = await requester.request('history:fetch', {
        conversationId,
        afterSeq,
        limit: LIMITS.historyPageMax,
      });
      if (conversations.get(conversationId) !== store) return;
      for (const message of page.messages) store.applySnapshot(message);
      conversations.changed(conversationId);
      ingest.applied(conversationId, page.messages);
      if (store.highSeq === afterSeq) return; // nothing filled; the catch-up will
    }
  }

  return {
    loadOlder(conversationId, limit = OLDER_PAGE_SIZE) {
      const running = loadingOlder.get(conversationId);
      if (running) return running;
      const loading = loadOlderOnce(conversationId, limit).finally(() => loadingOlder.delete(conversationId));
      loadingOlder.set(conversationId, loading);
      return loading;
    },

    fillGap(conversationId) {
      if (filling.has(conversationId)) return;
      filling.add(conversationId);
      fill(conversationId)
        .catch((error: unknown) => {
          const failure = asRequestError(error);
          if (failure.code !== 'offline')
            deps.onError({ kind: 'request_failed', event: 'history:fetch', error: failure });
        })
        .finally(() => filling.delete(conversationId));
    },
  };
}
