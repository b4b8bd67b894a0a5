import type { SearchSort, SearchTerm, SnippetPart } from '@confab/shared';

/** What an engine stores of one message: made from the message's current row (document.ts). */
export interface SearchDocument {
  id: string;
  conversationId: string;
  senderId: string;
  createdAt: Date;
  body: string;
  hasLink: boolean;
  hasFile: boolean;
  mentionedUserIds: string[];
  mentionsAll: boolean;
  /** The message's changeSeq when the document was made. */
  changeSeq: number;
}

/**
 * A parsed query with its names resolved, as every engine receives it. `conversationIds` is the
 * permission scope — only conversations the searcher is a member of — and the engine applies it
 * in its own query; it is never empty (the caller answers "nothing" itself).
 */
export interface EngineQuery {
  include: SearchTerm[];
  exclude: SearchTerm[];
  conversationIds: string[];
  /** Any of these senders; null for anyone. */
  senderIds: string[] | null;
  /** createdAt >= since and < until. */
  since: Date | null;
  until: Date | null;
  hasLink: boolean;
  hasFile: boolean;
  /** Only messages mentioning this user (or everyone). */
  mentioning: string | null;
  sort: SearchSort;
  limit: number;
  /** The engine's own cursor from the previous page (`EnginePage.next`), already decoded. */
  after: unknown;
}

export interface EngineHit {
  messageId: string;
  /** An engine that highlights by itself (typo-tolerant matches) gives its snippet. */
  snippet?: SnippetPart[];
}

export interface EnginePage {
  hits: EngineHit[];
  /** Where the next page starts, in the engine's own terms; null when there is none. */
  next: unknown;
}

export type EngineName = 'postgres' | 'meilisearch';

/** One search engine behind Confab's search: the same query language and contract tests for each. */
export interface SearchEngine {
  readonly name: EngineName;
  /** Creates what the engine needs (idempotent). The worker calls it before indexing. */
  setup(): Promise<void>;
  /** Whether the engine answers. */
  health(): Promise<boolean>;
  /** Adds or replaces documents. */
  index(documents: SearchDocument[]): Promise<void>;
  remove(messageIds: string[]): Promise<void>;
  /** Some ids of documents last indexed before `time` (a full reindex checks what it didn't touch). */
  idsIndexedBefore(time: Date, limit: number): Promise<string[]>;
  /** Messages matching the query, best (or newest) first. Throws a bad_request DomainError for a foreign cursor. */
  search(query: EngineQuery): Promise<EnginePage>;
  close(): Promise<void>;
}
