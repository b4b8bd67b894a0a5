import type { SearchResult, SearchSort } from '@confab/shared';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { Dialog } from '../ui/Dialog';
import { queryChips } from './query-chips';

const SYNTAX_HINT =
  'words, "exact phrase", -exclude, prefix*, from:@user, in:#channel, after:2026-01-31, has:link, is:mention';

/** Search over every conversation one is a member of; a result opens the message in its conversation. */
export function SearchDialog(props: { onClose(): void; onOpen(conversationId: string, seq: number): void }) {
  const { api } = useApp();
  const [text, setText] = useState('');
  const [sort, setSort] = useState<SearchSort>('newest');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { chips, error: syntaxError } = queryChips(text);

  useEffect(() => input.current?.focus(), []);

  async function run(cursor?: string) {
    if (!text.trim() || syntaxError) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api.search({
        query: text,
        sort,
        ...(cursor ? { cursor } : {}),
        utcOffsetMinutes: -new Date().getTimezoneOffset(),
      });
      setResults((previous) => (cursor && previous ? [...previous, ...page.results] : page.results));
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Search messages" onClose={props.onClose} wide>
      <form
        className="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <label className="stack">
          <span className="sr-only">Search</span>
          <input
            ref={input}
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="Search messages"
            aria-describedby="search-syntax"
            aria-invalid={syntaxError !== null}
          />
        </label>
        <label>
          <span className="sr-only">Order</span>
          <select value={sort} onChange={(event) => setSort(event.target.value as SearchSort)}>
            <option value="newest">Newest first</option>
            <option value="relevance">Most relevant</option>
          </select>
        </label>
        <button type="submit" disabled={busy || syntaxError !== null || !text.trim()}>
          Search
        </button>
      </form>
      <p id="search-syntax" className="hint">
        {syntaxError ?? SYNTAX_HINT}
      </p>
      {chips.length > 0 && (
        <ul className="search-chips" aria-label="Filters">
          {chips.map((chip) => (
            <li key={chip.label} className={`chip chip-${chip.kind}`}>
              {chip.label}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {results && (
        <ul className="search-results" aria-label="Results">
          {results.length === 0 && <li className="hint">No messages found.</li>}
          {results.map((result) => (
            <li key={result.message.id}>
              <button
                type="button"
                className="search-result"
                onClick={() => props.onOpen(result.conversation.id, result.message.seq)}
              >
                <span className="search-result-meta">
                  <strong>{result.sender.displayName}</strong> in{' '}
                  {result.conversation.name ??
                    (result.conversation.kind === 'direct' ? 'a direct message' : 'a group')}
                  {' · '}
                  <time dateTime={result.message.createdAt}>
                    {new Date(result.message.createdAt).toLocaleString()}
                  </time>
                </span>
                <span className="search-snippet">
                  {result.snippet.map((part, index) =>
                    part.highlight ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: snippet parts have no identity but their place.
                      <mark key={index}>{part.text}</mark>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: as above.
                      <span key={index}>{part.text}</span>
                    ),
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <button type="button" disabled={busy} onClick={() => void run(nextCursor)}>
          More results
        </button>
      )}
    </Dialog>
  );
}
