/**
 * Collects what is handed over during one turn of the event loop and passes it on as one array.
 * The send batcher resolves a whole group commit in one turn, so its post-commit work (index
 * jobs, push jobs) becomes one round trip per batch instead of one per message.
 */
export function coalescePerTurn<T>(
  flush: (items: T[]) => Promise<void>,
  onError: (error: unknown, items: T[]) => void,
): (item: T) => void {
  let pending: T[] = [];
  return (item) => {
    pending.push(item);
    if (pending.length > 1) return;
    setImmediate(() => {
      const items = pending;
      pending = [];
      flush(items).catch((error: unknown) => onError(error, items));
    });
  };
}
