import type { ChosenStatus, PresenceStatus } from '@confab/shared';
import { badgeText } from '../badge/badge-text.js';

export interface TrayState {
  unread: number;
  /** null until a signed-in page reports it */
  status: PresenceStatus | null;
  serverName: string | null;
  startAtLogin: boolean;
}

export type TrayAction =
  | { kind: 'open' }
  | { kind: 'choose-status'; status: ChosenStatus }
  | { kind: 'servers' }
  | { kind: 'toggle-start-at-login' }
  | { kind: 'quit' };

export type TrayItem =
  | { type: 'action'; label: string; action: TrayAction }
  | { type: 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { type: 'info'; label: string }
  | { type: 'submenu'; label: string; items: TrayItem[] }
  | { type: 'separator' };

const STATUS_LABELS: Record<PresenceStatus, string> = {
  online: 'Online',
  away: 'Away',
  dnd: 'Do not disturb',
  offline: 'Offline',
};

const CHOICES: { status: ChosenStatus; label: string }[] = [
  { status: 'auto', label: 'Automatic' },
  { status: 'away', label: 'Away' },
  { status: 'dnd', label: 'Do not disturb' },
];

/** Open, status, servers, start at login, quit. */
export function trayMenu(state: TrayState): TrayItem[] {
  const status: TrayItem[] =
    state.status === null
      ? []
      : [
          { type: 'info', label: `Status: ${STATUS_LABELS[state.status]}` },
          {
            type: 'submenu',
            label: 'Set status',
            items: CHOICES.map(({ status, label }) => ({
              type: 'action',
              label,
              action: { kind: 'choose-status', status },
            })),
          },
          { type: 'separator' },
        ];
  return [
    { type: 'action', label: 'Open Confab', action: { kind: 'open' } },
    { type: 'separator' },
    ...status,
    { type: 'action', label: 'Servers…', action: { kind: 'servers' } },
    {
      type: 'checkbox',
      label: 'Start at login',
      checked: state.startAtLogin,
      action: { kind: 'toggle-start-at-login' },
    },
    { type: 'separator' },
    { type: 'action', label: 'Quit Confab', action: { kind: 'quit' } },
  ];
}

export function trayTooltip(state: TrayState): string {
  const parts = ['Confab'];
  if (state.serverName !== null) parts.push(state.serverName);
  const badge = badgeText(state.unread);
  if (badge !== '') parts.push(`${badge} unread`);
  return parts.join(' — ');
}

export function trayIcon(state: TrayState): 'tray' | 'tray-unread' {
  return state.unread > 0 ? 'tray-unread' : 'tray';
}
