export const KEVIN = '00000000-0000-4000-8000-00000000000a';
export const DAVID = '00000000-0000-4000-8000-00000000000b';

export const PEOPLE: Record<string, { displayName: string }> = {
  [KEVIN]: { displayName: 'Kevin' },
  [DAVID]: { displayName: 'David' },
};
