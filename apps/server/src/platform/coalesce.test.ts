import { describe, expect, it } from 'vitest';
import { coalescePerTurn } from './coalesce.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalescePerTurn', () => {
  it('hands over everything given in one turn as one array, and the next turn as another', async () => {
    const owner = {};
    const flushed: number[][] = [];
    const add = coalescePerTurn<object, number>(
      async (_, items) => void flushed.push(items),
      () => {},
    );
    add(owner, 1);
    add(owner, 2);
    await Promise.resolve();
    add(owner, 3);
    await nextTurn();
    add(owner, 4);
    await nextTurn();
    expect(flushed).toEqual([[1, 2, 3], [4]]);
  });

  it('keeps each owner’s items apart', async () => {
    const [first, second] = [{ name: 'first' }, { name: 'second' }];
    const flushed: [string, number[]][] = [];
    const add = coalescePerTurn<{ name: string }, number>(
      async (owner, items) => void flushed.push([owner.name, items]),
      () => {},
    );
    add(first, 1);
    add(second, 2);
    add(first, 3);
    await nextTurn();
    expect(flushed).toEqual([
      ['first', [1, 3]],
      ['second', [2]],
    ]);
  });

  it('reports a failed flush with its items, and keeps working after it', async () => {
    const owner = {};
    const failed: number[][] = [];
    const flushed: number[][] = [];
    let fail = true;
    const add = coalescePerTurn<object, number>(
      async (_, items) => {
        if (fail) throw new Error('redis is down');
        flushed.push(items);
      },
      (_, __, items) => failed.push(items),
    );
    add(owner, 1);
    await nextTurn();
    await nextTurn();
    fail = false;
    add(owner, 2);
    await nextTurn();
    expect(failed).toEqual([[1]]);
    expect(flushed).toEqual([[2]]);
  });
});
