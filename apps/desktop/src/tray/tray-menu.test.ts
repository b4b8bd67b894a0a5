import { describe, expect, it } from 'vitest';
import { type TrayItem, type TrayState, trayIcon, trayMenu, trayTooltip } from './tray-menu.js';

const SIGNED_IN: TrayState = {
  unread: 0,
  status: 'online',
  serverName: 'chat.acme.test',
  startAtLogin: false,
};

const labels = (items: TrayItem[]) => items.map((item) => (item.type === 'separator' ? '—' : item.label));

describe('the tray menu', () => {
  it('offers open, status, servers, start at login and quit', () => {
    expect(labels(trayMenu(SIGNED_IN))).toEqual([
      'Open Confab',
      '—',
      'Status: Online',
      'Set status',
      '—',
      'Servers…',
      'Start at login',
      '—',
      'Quit Confab',
    ]);
  });

  it('lets the user choose automatic, away or do not disturb', () => {
    const submenu = trayMenu({ ...SIGNED_IN, status: 'dnd' }).find((item) => item.type === 'submenu');
    expect(submenu?.type === 'submenu' && submenu.items).toEqual([
      { type: 'action', label: 'Automatic', action: { kind: 'choose-status', status: 'auto' } },
      { type: 'action', label: 'Away', action: { kind: 'choose-status', status: 'away' } },
      { type: 'action', label: 'Do not disturb', action: { kind: 'choose-status', status: 'dnd' } },
    ]);
    expect(labels(trayMenu({ ...SIGNED_IN, status: 'dnd' }))).toContain('Status: Do not disturb');
  });

  it('has no status before a signed-in page reports one', () => {
    expect(labels(trayMenu({ ...SIGNED_IN, status: null }))).toEqual([
      'Open Confab',
      '—',
      'Servers…',
      'Start at login',
      '—',
      'Quit Confab',
    ]);
  });

  it('ticks start at login when it is on', () => {
    const item = trayMenu({ ...SIGNED_IN, startAtLogin: true }).find((entry) => entry.type === 'checkbox');
    expect(item).toMatchObject({ checked: true, action: { kind: 'toggle-start-at-login' } });
  });
});

describe('the tray icon', () => {
  it('shows the unread state', () => {
    expect(trayIcon(SIGNED_IN)).toBe('tray');
    expect(trayIcon({ ...SIGNED_IN, unread: 3 })).toBe('tray-unread');
    expect(trayTooltip(SIGNED_IN)).toBe('Confab — chat.acme.test');
    expect(trayTooltip({ ...SIGNED_IN, unread: 120 })).toBe('Confab — chat.acme.test — 99+ unread');
    expect(trayTooltip({ ...SIGNED_IN, serverName: null, unread: 2 })).toBe('Confab — 2 unread');
  });
});
