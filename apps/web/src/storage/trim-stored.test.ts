import type { Message } from '@confab/shared';
import type { StoredConversation } from '@confab/shared/client';
import { describe, expect, it } from 'vitest';
import { trimStored } from './trim-stored';

const stored = (count: number): StoredConversation =>
  ({
    state: { id: 'c' },
    messages: Array.from({ length: count }, (_, i) => ({ seq: i + 1 }) as Message),
    lowSeq: 1,
    changeSeq: count,
  }) as StoredConversation;

describe('trimStored', () => {
  it('keeps a small conversation as it is', () => {
    const small = stored(3);
    expect(trimStored(small, 5)).toBe(small);
  });

  it('keeps the latest messages and moves the bottom of the range up to them', () => {
    const trimmed = trimStored(stored(10), 4);
    expect(trimmed.messages.map((m) => m.seq)).toEqual([7, 8, 9, 10]);
    expect(trimmed.lowSeq).toBe(7);
    expect(trimmed.changeSeq).toBe(10);
  });
});
