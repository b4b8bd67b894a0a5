import type { ConversationState, Message, SyncPage } from '../protocol/index.js';
import { withNewerReadState } from './read-state.js';

export type SyncEntry = SyncPage['conversations'][number];

/** What applying one snapshot did. `ignored`: below the loaded range (history will fetch it fresh). */
export type ApplyResult = 'added' | 'replaced' | 'stale' | 'ignored';

/** One conversation as a device keeps it between runs. */
export interface StoredConversation {
  state: ConversationState;
  messages: Message[];
  /** Bottom of the loaded range; may be above every held message when the range is empty. */
  lowSeq: number;
  /** The sync cursor; null until the conversation's first catch-up (it then arrives with `reset`). */
  changeSeq: number | null;
}

const bySeq = (a: Message, b: Message) => a.seq - b.seq;
const later = (a: string, b: string) => (Date.parse(b) > Date.parse(a) ? b : a);

/**
 * One conversation's messages, keyed by seq, with its state and sync cursor. Pure logic: no I/O.
 *
 * The loaded range [lowSeq, highSeq] is contiguous. Messages above highSeq + 1 are kept but mark
 * a gap for the engine to fill. The cursor is the highest changeSeq below which every change has
 * been applied; changes applied above it wait in `aboveCursor` until the ones between arrive.
 */
export class ConversationStore {
  #state: ConversationState;
  readonly #bySeq = new Map<number, Message>();
  #lowSeq: number;
  #highSeq: number;
  #maxSeq: number;
  #cursor: number | null;
  readonly #aboveCursor = new Set<number>();
  #olderLoads = 0;
  // Snapshots below the range that arrive while older history is loading: the page may predate them.
  readonly #overtaken = new Map<number, Message>();
  #sorted: readonly Message[] | undefined;

  private constructor(state: ConversationState, lowSeq: number, cursor: number | null) {
    this.#state = state;
    this.#lowSeq = lowSeq;
    this.#highSeq = lowSeq - 1;
    this.#maxSeq = this.#highSeq;
    this.#cursor = cursor;
  }

  /** A conversation the device has just learned of; its messages come with the next catch-up. */
  static empty(state: ConversationState): ConversationStore {
    return new ConversationStore(state, state.lastSeq + 1, null);
  }

  static restore(stored: StoredConversation): ConversationStore {
    const store = new ConversationStore(stored.state, stored.lowSeq, stored.changeSeq);
    for (const message of stored.messages) store.#place(message);
    return store;
  }

  get id(): string {
    return this.#state.id;
  }
  get state(): ConversationState {
    return this.#state;
  }
  get lowSeq(): number {
    return this.#lowSeq;
  }
  get highSeq(): number {
    return this.#highSeq;
  }
  get cursor(): number | null {
    return this.#cursor;
  }
  /** Messages are held above highSeq + 1: the seqs between are missing. */
  get hasSeqGap(): boolean {
    return this.#maxSeq > this.#highSeq;
  }
  /** A change above the cursor was applied but one between was not seen. */
  get missingChanges(): boolean {
    return this.#aboveCursor.size > 0;
  }

  /** Every held message in seq order (the same array until something changes). */
  messages(): readonly Message[] {
    this.#sorted ??= [...this.#bySeq.values()].sort(bySeq);
    return this.#sorted;
  }

  message(seq: number): Message | undefined {
    return this.#bySeq.get(seq);
  }

  /** The server's view of the conversation; the fields live messages move only go forward. */
  setState(state: ConversationState): void {
    const current = this.#state;
    // A catch-up page's state may have been read before a read cursor move this device has
    // already applied (its own send, its own read): it must not move the cursor back.
    this.#state = {
      ...withNewerReadState(current, state),
      lastSeq: Math.max(state.lastSeq, current.lastSeq),
      lastChangeSeq: Math.max(state.lastChangeSeq, current.lastChangeSeq),
      lastMessageAt: later(state.lastMessageAt, current.lastMessageAt),
    };
  }

  updateState(update: (state: ConversationState) => ConversationState): void {
    this.#state = update(this.#state);
  }

  /** Idempotent: of two snapshots of one message, the one with the higher changeSeq wins. */
  applySnapshot(message: Message): ApplyResult {
    if (message.conversationId !== this.id) return 'ignored';
    this.#recordChange(message.changeSeq);
    if (message.seq < this.#lowSeq) {
      if (this.#olderLoads > 0) keepNewest(this.#overtaken, message);
      return 'ignored';
    }
    const existing = this.#bySeq.get(message.seq);
    if (existing && existing.changeSeq >= message.changeSeq) return 'stale';
    this.#place(message);
    const state = this.#state;
    this.#state = {
      ...state,
      lastSeq: Math.max(state.lastSeq, message.seq),
      lastChangeSeq: Math.max(state.lastChangeSeq, message.changeSeq),
      lastMessageAt: existing ? state.lastMessageAt : later(state.lastMessageAt, message.createdAt),
    };
    return existing ? 'replaced' : 'added';
  }

  /** One conversation of a sync page. */
  applySyncEntry(entry: SyncEntry): void {
    this.setState(entry.state);
    if (entry.reset) this.reset(entry.messages, entry.changeSeq);
    else this.applyChanges(entry.messages, entry.changeSeq);
  }

  /** Changed messages since the cursor (changeSeq order), then the server's new cursor. */
  applyChanges(messages: readonly Message[], changeSeq: number): void {
    for (const message of messages) this.applySnapshot(message);
    this.#advanceCursor(changeSeq);
  }

  /** Replaces what is held with the latest page. Snapshots newer than the page survive it. */
  reset(messages: readonly Message[], changeSeq: number): void {
    const newer = [...this.#bySeq.values()].filter((message) => message.changeSeq > changeSeq);
    this.#bySeq.clear();
    this.#aboveCursor.clear();
    this.#sorted = undefined;
    const page = [...messages].sort(bySeq);
    this.#lowSeq = page[0]?.seq ?? this.#state.lastSeq + 1;
    this.#highSeq = this.#lowSeq - 1;
    this.#maxSeq = this.#highSeq;
    this.#cursor = changeSeq;
    for (const message of page) this.applySnapshot(message);
    for (const message of newer) this.applySnapshot(message);
  }

  /** Call before requesting history below lowSeq, and `endLoadOlder` when it settles. */
  beginLoadOlder(): void {
    this.#olderLoads++;
  }

  endLoadOlder(): void {
    this.#olderLoads = Math.max(0, this.#olderLoads - 1);
    if (this.#olderLoads === 0) this.#overtaken.clear();
  }

  /** A history page below the loaded range extends it downwards. */
  addOlder(messages: readonly Message[]): void {
    for (const message of [...messages].sort(bySeq).reverse()) {
      if (message.conversationId !== this.id) continue;
      if (message.seq < this.#lowSeq) {
        this.#lowSeq = message.seq;
        this.#highSeq = Math.max(this.#highSeq, this.#lowSeq - 1);
      }
      this.applySnapshot(message);
    }
    this.#extendHigh();
    for (const message of this.#overtaken.values()) this.applySnapshot(message);
  }

  toStored(): StoredConversation {
    return {
      state: this.#state,
      messages: [...this.messages()],
      lowSeq: this.#lowSeq,
      changeSeq: this.#cursor,
    };
  }

  #place(message: Message) {
    this.#bySeq.set(message.seq, message);
    this.#sorted = undefined;
    this.#maxSeq = Math.max(this.#maxSeq, message.seq);
    this.#extendHigh();
  }

  #extendHigh() {
    while (this.#bySeq.has(this.#highSeq + 1)) this.#highSeq++;
  }

  #recordChange(changeSeq: number) {
    if (this.#cursor === null || changeSeq <= this.#cursor) return;
    this.#aboveCursor.add(changeSeq);
    this.#absorb();
  }

  #advanceCursor(changeSeq: number) {
    this.#cursor = Math.max(this.#cursor ?? changeSeq, changeSeq);
    for (const seen of this.#aboveCursor) if (seen <= this.#cursor) this.#aboveCursor.delete(seen);
    this.#absorb();
  }

  #absorb() {
    if (this.#cursor === null) return;
    while (this.#aboveCursor.delete(this.#cursor + 1)) this.#cursor++;
  }
}

function keepNewest(map: Map<number, Message>, message: Message) {
  const existing = map.get(message.seq);
  if (!existing || existing.changeSeq < message.changeSeq) map.set(message.seq, message);
}
