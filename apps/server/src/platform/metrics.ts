import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Queue depths are read when /metrics is scraped; job modules register their queues here. */
export interface QueueDepthSource {
  name: string;
  depth(): Promise<number>;
}

/** Prometheus metrics of one server process, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const queues: QueueDepthSource[] = [];
  const metrics = {
    registry,
    connections: new Gauge({
      name: 'confab_connections',
      help: 'Open Socket.IO connections',
      registers: [registry],
    }),
    messagesSent: new Counter({
      name: 'confab_messages_sent_total',
      help: 'Messages stored (retries answered with the original not counted)',
      registers: [registry],
    }),
    messagesDelivered: new Counter({
      name: 'confab_messages_delivered_total',
      help: 'message:new events written to recipient sockets',
      registers: [registry],
    }),
    deliveryLatency: new Histogram({
      name: 'confab_delivery_latency_seconds',
      help: 'From the server receiving a send to writing it to a recipient socket',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    syncDuration: new Histogram({
      name: 'confab_sync_duration_seconds',
      help: 'Time to answer one sync:fetch page',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'confab_rate_limited_total',
      help: 'Requests refused by a rate limit',
      labelNames: ['limit'],
      registers: [registry],
    }),
    registerQueue(source: QueueDepthSource) {
      queues.push(source);
    },
  };
  new Gauge({
    name: 'confab_job_queue_depth',
    help: 'Jobs waiting or delayed, per queue',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of queues) this.set({ queue: queue.name }, await queue.depth().catch(() => -1));
    },
  });
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
