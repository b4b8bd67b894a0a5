import { describe, expect, it } from 'vitest';
import { coalescePerTurn } from './coalesce.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalescePerTurn', () => {
  it('hands over everything given in one turn as one array, and the next turn as another', async () => {
    const flushed: number[][] = [];
    const add = coalescePerTurn<number>(
      async (items) => void flushed.push(items),
      () => {},
    );
    add(1);
    add(2);
    await Promise.resolve();
    add(3);
    await nextTurn();
    add(4);
    await nextTurn();
    expect(flushed).toEqual([[1, 2, 3], [4]]);
  });

  it('reports a failed flush with its items, and keeps working after it', async () => {
    const failed: number[][] = [];
    const flushed: number[][] = [];
    let fail = true;
    const add = coalescePerTurn<number>(
      async (items) => {
        if (fail) throw new Error('redis is down');
        flushed.push(items);
      },
      (_, items) => failed.push(items),
    );
    add(1);
    await nextTurn();
    await nextTurn();
    fail = false;
    add(2);
    await nextTurn();
    expect(failed).toEqual([[1]]);
    expect(flushed).toEqual([[2]]);
  });
});
