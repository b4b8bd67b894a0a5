import { memo } from 'react';
import { renderMarkdown } from './render-markdown';

/** A message body, rendered from Markdown and sanitized (see render-markdown.ts). */
export const MessageMarkdown = memo(function MessageMarkdown({ body }: { body: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by DOMPurify with an allow-list
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} />;
});
