/** Where the app is: a conversation, and maybe one of its messages (a copied link). */
export interface Route {
  conversationId: string | null;
  messageSeq: number | null;
}

const CONVERSATION_PATH = /^\/c\/([0-9a-f-]{36})\/?$/i;

export function parseRoute(pathname: string, search: string): Route {
  const match = CONVERSATION_PATH.exec(pathname);
  const seq = Number(new URLSearchParams(search).get('m'));
  return {
    conversationId: match?.[1] ?? null,
    messageSeq: match && Number.isInteger(seq) && seq > 0 ? seq : null,
  };
}

export function routePath(route: Route): string {
  if (route.conversationId === null) return '/';
  const path = `/c/${route.conversationId}`;
  return route.messageSeq === null ? path : `${path}?m=${route.messageSeq}`;
}

export function messageLink(origin: string, conversationId: string, seq: number): string {
  return `${origin}${routePath({ conversationId, messageSeq: seq })}`;
}
