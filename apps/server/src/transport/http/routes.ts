import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authenticate } from '../../accounts/sessions.js';
import type { Actor, ServerContext } from '../../context.js';
import { validationError } from '../error-body.js';

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(parsed.error, what);
  return parsed.data;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/** A route's validated input: the body and path parameters, parsed against the shared schemas. */
export interface RouteSpec<B extends z.ZodType, P extends z.ZodType> {
  body?: B;
  params?: P;
}

export type Handler<B extends z.ZodType, P extends z.ZodType, Auth extends boolean> = (input: {
  ctx: ServerContext;
  body: z.output<B>;
  params: z.output<P>;
  actor: Auth extends true ? Actor : null;
  /** The client's address, as Fastify sees it. */
  ip: string;
}) => Promise<unknown>;

/**
 * Wraps a handler: authenticates (unless public), validates the body and params, and answers with
 * JSON — or 204 when the handler returns nothing. Errors are turned into `{ code, message }` by
 * the server's error handler.
 */
export function route<B extends z.ZodType, P extends z.ZodType, Auth extends boolean>(
  ctx: ServerContext,
  options: RouteSpec<B, P> & { auth: Auth },
  handler: Handler<B, P, Auth>,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = (options.auth ? await authenticate(ctx, bearer(request)) : null) as Auth extends true
      ? Actor
      : null;
    const params = options.params ? parse(options.params, request.params, 'path') : undefined;
    const body = options.body ? parse(options.body, request.body, 'body') : undefined;
    const result = await handler({ ctx, body, params, actor, ip: request.ip } as Parameters<
      Handler<B, P, Auth>
    >[0]);
    if (result === undefined) return reply.code(204).send();
    return reply.send(result);
  };
}
