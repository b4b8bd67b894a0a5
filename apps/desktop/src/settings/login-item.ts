import path from 'node:path';
import { HIDDEN_SWITCH } from '../links/launch.js';

export type LoginItemPlan =
  /** macOS and Windows: `app.setLoginItemSettings`. */
  | { kind: 'login-item'; settings: { openAtLogin: boolean; args: string[] } }
  /** Linux: an XDG autostart entry, written or (contents null) removed. */
  | { kind: 'autostart-file'; file: string; contents: string | null };

export interface LoginItemEnv {
  platform: string;
  execPath: string;
  /** $APPIMAGE: the AppImage file, which outlives the path it is mounted at. */
  appImage?: string | undefined;
  home: string;
  xdgConfigHome?: string | undefined;
}

/** Start at login, in the tray only. */
export function loginItemPlan(enabled: boolean, env: LoginItemEnv): LoginItemPlan {
  if (env.platform !== 'linux') {
    return { kind: 'login-item', settings: { openAtLogin: enabled, args: enabled ? [HIDDEN_SWITCH] : [] } };
  }
  const configHome = env.xdgConfigHome || path.join(env.home, '.config');
  const file = path.join(configHome, 'autostart', 'confab.desktop');
  return {
    kind: 'autostart-file',
    file,
    contents: enabled ? autostartEntry(env.appImage || env.execPath) : null,
  };
}

/** Quoted as the Desktop Entry spec asks for an Exec argument. */
function quoteExecArgument(arg: string): string {
  if (!/[\s"'\\`$<>|&;()*?#~=%]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Confab',
    `Exec=${quoteExecArgument(executable)} ${HIDDEN_SWITCH}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}
