import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { ping } from '../../platform/database/raw-sql.js';

/** Liveness, readiness (PostgreSQL and Redis answer) and Prometheus metrics. */
export function registerOperationsRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  isDraining: () => boolean,
) {
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_request, reply) => {
    const checks = {
      postgres: await ping(ctx.db).then(
        () => true,
        () => false,
      ),
      redis: await ctx.redis.ping().then(
        (answer) => answer === 'PONG',
        () => false,
      ),
      accepting: !isDraining(),
    };
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ ready, checks });
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(body);
  });
}
