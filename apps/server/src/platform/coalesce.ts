/**
 * Collects what is handed over for one owner (a server context) during one turn of the event loop
 * and passes it on as one array. The send batcher resolves a whole group commit in one turn, so
 * its post-commit work (index jobs, push jobs) becomes one round trip per batch instead of one
 * per message.
 */
export function coalescePerTurn<Owner extends object, T>(
  flush: (owner: Owner, items: T[]) => Promise<unknown>,
  onError: (owner: Owner, error: unknown, items: T[]) => void,
): (owner: Owner, item: T) => void {
  const pending = new WeakMap<Owner, T[]>();
  return (owner, item) => {
    const waiting = pending.get(owner);
    if (waiting) {
      waiting.push(item);
      return;
    }
    const items = [item];
    pending.set(owner, items);
    setImmediate(() => {
      pending.delete(owner);
      flush(owner, items).catch((error: unknown) => onError(owner, error, items));
    });
  };
}
