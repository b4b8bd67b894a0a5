/** The dock / taskbar badge: nothing for 0, the count up to 99, then "99+". */
export function badgeText(unread: number): string {
  if (!Number.isFinite(unread) || unread < 1) return '';
  return unread > 99 ? '99+' : String(Math.floor(unread));
}
