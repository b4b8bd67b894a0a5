/** Counts the events being handled, per socket and in all, so a drain can wait for them. */
export class InFlight {
  private readonly perSocket = new Map<string, number>();
  private readonly closing = new Set<string>();
  private total = 0;
  private waiters: Array<() => void> = [];

  /** A draining socket takes no new events; its client resends them after reconnecting. */
  stopAccepting(socketId: string): void {
    this.closing.add(socketId);
  }

  accepts(socketId: string): boolean {
    return !this.closing.has(socketId);
  }

  forget(socketId: string): void {
    this.closing.delete(socketId);
  }

  begin(socketId: string): void {
    this.perSocket.set(socketId, (this.perSocket.get(socketId) ?? 0) + 1);
    this.total += 1;
  }

  end(socketId: string): void {
    const left = (this.perSocket.get(socketId) ?? 1) - 1;
    if (left === 0) this.perSocket.delete(socketId);
    else this.perSocket.set(socketId, left);
    this.total -= 1;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once nothing is in flight (for one socket, or in all), or after `timeoutMs`. */
  async idle(timeoutMs: number, socketId?: string): Promise<boolean> {
    const busy = () => (socketId === undefined ? this.total > 0 : this.perSocket.has(socketId));
    const deadline = Date.now() + timeoutMs;
    while (busy()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }
}
