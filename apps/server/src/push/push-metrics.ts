import { Counter, type Registry } from 'prom-client';

/** Counters of the push jobs, on the registry of the process that runs them. */
export function createPushMetrics(registry: Registry) {
  return {
    sent: new Counter({
      name: 'confab_push_sent_total',
      help: 'Push messages accepted by a push service, per subscription',
      labelNames: ['kind'],
      registers: [registry],
    }),
    dropped: new Counter({
      name: 'confab_push_dropped_total',
      help: 'Notifications not sent, by reason (read, connected, muted, dnd, folded, ...)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    failed: new Counter({
      name: 'confab_push_failed_total',
      help: 'Push messages a push service refused or did not answer (gone, rejected, server_error, timeout)',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}

export type PushMetrics = ReturnType<typeof createPushMetrics>;
