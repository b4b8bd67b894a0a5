import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The built web app (`apps/web/dist`), served on the server's own port: one origin, no CORS. */
export const WEB_APP_DIR = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

const API_PREFIXES = ['/api/', '/socket.io/', '/healthz', '/readyz', '/metrics'];

/**
 * Registers the static files and answers every other GET that isn't an API path with index.html,
 * so client-side routes survive a reload. Without a build, only the API is served.
 */
export async function serveWebApp(app: FastifyInstance, root = WEB_APP_DIR): Promise<boolean> {
  if (!existsSync(`${root}/index.html`)) return false;
  await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const isApi = API_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    if (request.method === 'GET' && !isApi) return reply.sendFile('index.html');
    return reply.code(404).send({ code: 'not_found', message: 'no such endpoint' });
  });
  return true;
}
