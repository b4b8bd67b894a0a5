import { describe, expect, it } from 'vitest';
import { statementNames } from './statement-names.js';

describe('statementNames', () => {
  it('gives one query text one name, and different texts different names', () => {
    const name = statementNames();
    const first = name({ sql: 'SELECT 1' });
    expect(first).toMatch(/^confab_[0-9a-f]{24}$/);
    expect(name({ sql: 'SELECT 1' })).toBe(first);
    expect(name({ sql: 'SELECT 2' })).not.toBe(first);
  });

  it('leaves texts beyond the limit unnamed (not prepared), and keeps naming the known ones', () => {
    const name = statementNames(2);
    const a = name({ sql: 'SELECT $1' });
    name({ sql: 'SELECT $1, $2' });
    expect(name({ sql: 'SELECT $1, $2, $3' })).toBe('');
    expect(name({ sql: 'SELECT $1' })).toBe(a);
  });
});
