import DOMPurify from 'dompurify';
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const MENTION = /^@([a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)/i;

/** `@ana`, `@here`, `@all` as highlighted text (the server decides who is mentioned). */
const mention: TokenizerAndRendererExtension = {
  name: 'mention',
  level: 'inline',
  start(src) {
    const match = /(^|[^\w@])@[a-z0-9]/i.exec(src);
    if (match === null) return undefined;
    return match.index + (match[1]?.length ?? 0);
  },
  tokenizer(src) {
    const match = MENTION.exec(src);
    if (match === null) return undefined;
    return { type: 'mention', raw: match[0], name: match[1] ?? '' };
  },
  renderer(token) {
    return `<span class="mention">@${escapeHtml(String(token.name))}</span>`;
  },
};

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  // Raw HTML in a message is shown as the text it is, never as markup.
  renderer: { html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text) },
  extensions: [mention],
});

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const PURIFY = {
  ALLOWED_TAGS: [
    'a',
    'blockquote',
    'br',
    'code',
    'del',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'li',
    'ol',
    'p',
    'pre',
    'span',
    'strong',
    'table',
    'tbody',
    'td',
    'th',
    'thead',
    'tr',
    'ul',
  ],
  ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
  ALLOW_DATA_ATTR: false,
  // Links to web pages and mail addresses, or relative ones; no javascript:, data: or others.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
};

const cache = new Map<string, string>();
const CACHE_MAX = 2_000;

/** A message body as safe HTML: Markdown through marked, then DOMPurify with an allow-list. */
export function renderMarkdown(body: string): string {
  const cached = cache.get(body);
  if (cached !== undefined) return cached;
  const html = purifier.sanitize(marked.parse(body) as string, PURIFY);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value ?? '');
  cache.set(body, html);
  return html;
}
