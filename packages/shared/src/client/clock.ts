/** Time as the engine sees it; injected so tests can move it by hand. */
export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** A clock that only moves when told to: for tests and simulations. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  /** How many timers are still scheduled. */
  pendingTimers(): number;
}

export function createManualClock(startAt = 0): ManualClock {
  let now = startAt;
  let nextId = 1;
  const timers = new Map<number, { dueAt: number; callback: () => void }>();

  function nextDue(until: number) {
    let found: [number, { dueAt: number; callback: () => void }] | undefined;
    for (const timer of timers) {
      if (timer[1].dueAt <= until && (found === undefined || timer[1].dueAt < found[1].dueAt)) found = timer;
    }
    return found;
  }

  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { dueAt: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (let due = nextDue(until); due !== undefined; due = nextDue(until)) {
        timers.delete(due[0]);
        now = due[1].dueAt;
        due[1].callback();
      }
      now = until;
    },
    pendingTimers: () => timers.size,
  };
}
