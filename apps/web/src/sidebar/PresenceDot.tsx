import type { PresenceStatus } from '@confab/shared';

export const PRESENCE_LABEL: Record<PresenceStatus, string> = {
  online: 'Online',
  away: 'Away',
  dnd: 'Do not disturb',
  offline: 'Offline',
};

export function PresenceDot({ status }: { status: PresenceStatus | undefined }) {
  const shown = status ?? 'offline';
  return (
    <span
      className={`presence-dot presence-${shown}`}
      role="img"
      aria-label={PRESENCE_LABEL[shown]}
      title={PRESENCE_LABEL[shown]}
    />
  );
}
