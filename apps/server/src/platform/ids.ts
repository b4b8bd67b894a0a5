import { v7 as uuidv7 } from 'uuid';

/** Globally unique, time-sortable ids (UUIDv7) for every row the server creates. */
export const newId = (): string => uuidv7();
