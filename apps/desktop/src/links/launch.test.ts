import { describe, expect, it } from 'vitest';
import { createLaunchQueue, startsHidden } from './launch.js';

describe('launches that arrive early', () => {
  it('wait for the handler, then go straight to it, in order', () => {
    const queue = createLaunchQueue<string>();
    const handled: string[] = [];
    queue.push('confab://a');
    queue.push('confab://b');
    expect(handled).toEqual([]);
    queue.ready((item) => handled.push(item));
    queue.push('confab://c');
    expect(handled).toEqual(['confab://a', 'confab://b', 'confab://c']);
  });
});

describe('a start at login', () => {
  it('shows only the tray', () => {
    expect(startsHidden(['/opt/Confab/confab', '--hidden'], false)).toBe(true);
    expect(startsHidden(['/Applications/Confab.app'], true)).toBe(true);
    expect(startsHidden(['/opt/Confab/confab'], false)).toBe(false);
  });
});
