const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Coarse on purpose: "last seen" tells roughly when, not to the second. */
export function formatLastSeen(iso: string | null, now: number): string {
  if (iso === null) return 'Offline';
  const ago = now - Date.parse(iso);
  if (ago < MINUTE) return 'Last seen just now';
  if (ago < HOUR) return `Last seen ${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `Last seen ${Math.floor(ago / HOUR)} h ago`;
  if (ago < 2 * DAY) return 'Last seen yesterday';
  if (ago < 7 * DAY) return `Last seen ${Math.floor(ago / DAY)} days ago`;
  return `Last seen ${new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })}`;
}
