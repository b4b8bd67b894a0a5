/** The `@partial` being typed just before the caret, if any. */
export interface MentionQuery {
  start: number;
  end: number;
  query: string;
}

export interface MentionCandidate {
  username: string;
  label: string;
}

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const match = /(?:^|\s)@([a-z0-9._-]*)$/i.exec(text.slice(0, caret));
  if (match === null) return null;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, end: caret, query: query.toLowerCase() };
}

/** Usernames or names starting with the query first, then those containing it. */
export function matchCandidates(
  candidates: readonly MentionCandidate[],
  query: string,
  limit = 6,
): MentionCandidate[] {
  const starts: MentionCandidate[] = [];
  const contains: MentionCandidate[] = [];
  for (const candidate of candidates) {
    const username = candidate.username.toLowerCase();
    const label = candidate.label.toLowerCase();
    if (username.startsWith(query) || label.startsWith(query)) starts.push(candidate);
    else if (username.includes(query) || label.includes(query)) contains.push(candidate);
  }
  return [...starts, ...contains].slice(0, limit);
}

/** Replaces the query with `@username ` and says where the caret goes. */
export function applyMention(
  text: string,
  query: MentionQuery,
  username: string,
): { text: string; caret: number } {
  const insert = `@${username} `;
  return {
    text: text.slice(0, query.start) + insert + text.slice(query.end),
    caret: query.start + insert.length,
  };
}
