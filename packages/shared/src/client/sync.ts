import type { SyncCursor, SyncPage } from '../protocol/index.js';
import type { Conversations } from './conversations.js';
import { asRequestError, RequestError } from './errors.js';
import type { GapWatcher } from './gaps.js';
import type { Ingest } from './ingest.js';
import type { Requester } from './request.js';

export interface Sync {
  /**
   * Brings every conversation the device holds up to date: `sync:fetch` with all cursors, paged
   * while `hasMore`. Runs on every (re)connect — there is no separate startup path — and when a
   * live event shows a missed change. Calls made while one runs are folded into one more pass.
   * Never rejects: failures go to `onFailed`.
   */
  catchUp(): Promise<void>;
  /** A catch-up if connected; otherwise the next connect does it anyway. */
  requestCatchUp(): void;
  /** Resolves once connected and no catch-up is running or requested. */
  whenSynced(): Promise<void>;
  disconnected(): void;
  /** Rejects everyone waiting in `whenSynced` (stopped, or the session is gone). */
  abort(error: RequestError): void;
}

export function createSync(deps: {
  requester: Requester;
  conversations: Conversations;
  ingest: Ingest;
  gaps: GapWatcher;
  onSynced(): void;
  onFailed(error: RequestError): void;
}): Sync {
  const { requester, conversations, ingest } = deps;
  let running: Promise<void> | undefined;
  let again = false;
  let synced = false;
  let waiters: { resolve: () => void; reject: (error: RequestError) => void }[] = [];

  function applyPage(page: SyncPage) {
    for (const entry of page.conversations) {
      const store = conversations.upsert(entry.state);
      store.applySyncEntry(entry);
      conversations.changed(store.id);
      ingest.applied(store.id, entry.messages);
    }
    for (const conversationId of page.removedConversationIds) conversations.remove(conversationId);
  }

  async function pass() {
    // Conversations without a cursor come back with `reset`; one that does not was left meanwhile.
    const awaitingReset = [...conversations.all()]
      .filter((store) => store.cursor === null)
      .map((store) => store.id);
    let cursors = conversations.cursors();
    for (;;) {
      const page = await requester.request('sync:fetch', { cursors });
      applyPage(page);
      if (!page.hasMore) break;
      const next = conversations.cursors();
      if (sameCursors(cursors, next))
        throw new RequestError('invalid_response', 'sync:fetch made no progress');
      cursors = next;
    }
    for (const conversationId of awaitingReset) {
      if (conversations.get(conversationId)?.cursor === null) conversations.remove(conversationId);
    }
    for (const store of conversations.all()) {
      if (store.hasSeqGap || store.missingChanges) deps.gaps.notice(store.id);
    }
  }

  async function run() {
    for (;;) {
      again = false;
      try {
        await pass();
      } catch (error) {
        // A reconnect asked for a new pass while this one was failing with the old connection.
        if (again && requester.connected) continue;
        throw error;
      }
      if (!again) return;
    }
  }

  function catchUp(): Promise<void> {
    synced = false;
    if (running) {
      again = true;
      return running;
    }
    running = run().then(
      () => {
        running = undefined;
        if (!requester.connected) return;
        synced = true;
        for (const waiter of waiters) waiter.resolve();
        waiters = [];
        deps.onSynced();
      },
      (error: unknown) => {
        running = undefined;
        deps.onFailed(asRequestError(error));
      },
    );
    return running;
  }

  return {
    catchUp,
    requestCatchUp() {
      if (requester.connected) void catchUp();
    },
    whenSynced() {
      if (synced) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    disconnected() {
      synced = false;
    },
    abort(error) {
      synced = false;
      for (const waiter of waiters) waiter.reject(error);
      waiters = [];
    },
  };
}

function sameCursors(a: readonly SyncCursor[], b: readonly SyncCursor[]): boolean {
  if (a.length !== b.length) return false;
  const before = new Map(a.map((cursor) => [cursor.conversationId, cursor.changeSeq]));
  return b.every((cursor) => before.get(cursor.conversationId) === cursor.changeSeq);
}
