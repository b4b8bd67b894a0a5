import type { ChosenStatus } from '../protocol/index.js';

export interface ActivityOptions {
  /** `presence:activity`. */
  emitActivity(active: boolean): void;
  /** `presence:setStatus`; rejects with a RequestError. */
  requestStatus(status: ChosenStatus): Promise<void>;
  isConnected(): boolean;
}

/** Whether a person is using this device, and the status they chose, as the server should know them. */
export interface Activity {
  /** Idle (false) or in use (true); sent when it changes. */
  setActive(active: boolean): void;
  readonly active: boolean;
  setStatus(status: ChosenStatus): Promise<void>;
  /** After every (re)connect: the server starts each connection as active. */
  resend(): void;
}

export function createActivity(options: ActivityOptions): Activity {
  let active = true;

  return {
    setActive(next) {
      if (next === active) return;
      active = next;
      if (options.isConnected()) options.emitActivity(active);
    },
    get active() {
      return active;
    },
    setStatus: (status) => options.requestStatus(status),
    resend() {
      if (!active) options.emitActivity(false);
    },
  };
}
