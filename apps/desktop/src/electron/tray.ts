import path from 'node:path';
import { Menu, type MenuItemConstructorOptions, nativeImage, Tray } from 'electron';
import { assertNever } from '../assert-never.js';
import {
  type TrayAction,
  type TrayItem,
  type TrayState,
  trayIcon,
  trayMenu,
  trayTooltip,
} from '../tray/tray-menu.js';

function template(items: TrayItem[], act: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'action':
        return { label: item.label, click: () => act(item.action) };
      case 'checkbox':
        return { label: item.label, type: 'checkbox', checked: item.checked, click: () => act(item.action) };
      case 'info':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, submenu: template(item.items, act) };
      case 'separator':
        return { type: 'separator' };
      default:
        return assertNever(item);
    }
  });
}

export interface ShellTray {
  update(state: TrayState): void;
}

export function createShellTray(
  iconDir: string,
  state: TrayState,
  act: (action: TrayAction) => void,
): ShellTray {
  const image = (name: string) => nativeImage.createFromPath(path.join(iconDir, `${name}.png`));
  const tray = new Tray(image(trayIcon(state)));
  // Windows and Linux: a click on the icon opens the window; the menu is on the right button.
  tray.on('click', () => act({ kind: 'open' }));
  const update = (next: TrayState) => {
    tray.setImage(image(trayIcon(next)));
    tray.setToolTip(trayTooltip(next));
    tray.setContextMenu(Menu.buildFromTemplate(template(trayMenu(next), act)));
  };
  update(state);
  return { update };
}
