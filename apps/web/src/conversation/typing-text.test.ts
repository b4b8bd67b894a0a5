import { describe, expect, it } from 'vitest';
import { typingText } from './typing-text';

describe('typingText', () => {
  it('names one or two people, and counts no further', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Ana'])).toBe('Ana is typing…');
    expect(typingText(['Ana', 'Ben'])).toBe('Ana and Ben are typing…');
    expect(typingText(['Ana', 'Ben', 'Cara'])).toBe('Several people are typing…');
  });
});
