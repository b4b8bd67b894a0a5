import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.js';

describe('manual clock', () => {
  it('runs due timers in time order, each at its own time', () => {
    const clock = createManualClock(100);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    const cancelled = clock.setTimeout(() => fired.push('never'), 15);
    clock.clearTimeout(cancelled);
    clock.advance(30);
    expect(fired).toEqual(['a@110', 'b@120']);
    expect(clock.now()).toBe(130);
  });

  it('runs timers scheduled by timers when they fall due', () => {
    const clock = createManualClock();
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 5), 5);
    clock.advance(9);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([10]);
  });
});
