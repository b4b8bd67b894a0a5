import {
  AddMembersRequest,
  CreateConversationRequest,
  CreateUserRequest,
  IdParams,
  LoginRequest,
  MemberParams,
  OpenDirectRequest,
  RefreshRequest,
  SearchRequest,
  SetupRequest,
  UpdateMembershipSettingsRequest,
  UpdateProfileRequest,
} from '@confab/shared';
import Fastify, { type FastifyBaseLogger, type FastifyError } from 'fastify';
import { listDevices, logOut, revokeDevice } from '../../accounts/devices.js';
import { logIn, refreshSession, setupFirstAdmin } from '../../accounts/sessions.js';
import { createUserAsAdmin, listUsers, toUserProfile } from '../../accounts/users.js';
import type { ServerContext } from '../../context.js';
import { requireMembership } from '../../conversations/access.js';
import { joinChannel, listChannels } from '../../conversations/channels.js';
import { conversationState } from '../../conversations/conversation-state.js';
import { createConversation } from '../../conversations/create.js';
import { openDirectConversation } from '../../conversations/direct.js';
import { addMembers, listMembers, removeMember, setNotificationLevel } from '../../conversations/members.js';
import { DomainError } from '../../platform/errors.js';
import type { PresenceService } from '../../presence/presence-service.js';
import { searchMessages } from '../../search/search-messages.js';
import { toErrorBody } from '../error-body.js';
import { registerOperationsRoutes } from './operations.js';
import { registerPushRoutes } from './push-routes.js';
import { route } from './routes.js';
import { serveWebApp } from './web-app.js';

const STATUS: Record<string, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  edit_window_expired: 409,
  rate_limited: 429,
  unsupported_protocol: 400,
  unavailable: 503,
  internal: 500,
};

/** Fastify's own refusals (malformed JSON, oversized body, wrong content type) become bad_request. */
function fromFastifyError(error: FastifyError): DomainError | null {
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new DomainError('bad_request', error.message);
  }
  return null;
}

export async function createHttpServer(
  ctx: ServerContext,
  presence: PresenceService,
  isDraining: () => boolean,
) {
  const app = Fastify({ loggerInstance: ctx.log as FastifyBaseLogger, bodyLimit: 64 * 1024 });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const known = error instanceof DomainError ? error : fromFastifyError(error);
    const body = toErrorBody(known ?? error, ctx.log);
    const status = error.statusCode === 413 ? 413 : (STATUS[body.code] ?? 500);
    if (body.retryAfterMs) reply.header('retry-after', Math.ceil(body.retryAfterMs / 1000));
    return reply.code(status).send(body);
  });

  registerOperationsRoutes(app, ctx, isDraining);
  registerPushRoutes(app, ctx);

  // Accounts and devices
  app.get(
    '/api/setup',
    route(ctx, { auth: false }, async ({ ctx }) => ({ needed: (await ctx.db.user.count()) === 0 })),
  );
  app.post(
    '/api/setup',
    route(ctx, { auth: false, body: SetupRequest }, ({ ctx, body }) => setupFirstAdmin(ctx, body)),
  );
  app.post(
    '/api/auth/login',
    route(ctx, { auth: false, body: LoginRequest }, async ({ ctx, body, ip }) => {
      await ctx.limits.consume('login', `${ip}:${body.username}`);
      return logIn(ctx, body);
    }),
  );
  app.post(
    '/api/auth/refresh',
    route(ctx, { auth: false, body: RefreshRequest }, ({ ctx, body }) =>
      refreshSession(ctx, body.refreshToken),
    ),
  );
  app.post(
    '/api/auth/logout',
    route(ctx, { auth: true }, ({ ctx, actor }) => logOut(ctx, actor)),
  );
  app.get(
    '/api/devices',
    route(ctx, { auth: true }, async ({ ctx, actor }) => ({ devices: await listDevices(ctx, actor) })),
  );
  app.delete(
    '/api/devices/:id',
    route(ctx, { auth: true, params: IdParams }, ({ ctx, actor, params }) =>
      revokeDevice(ctx, actor, params.id),
    ),
  );
  app.get(
    '/api/me',
    route(ctx, { auth: true }, async ({ ctx, actor }) =>
      toUserProfile(await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId } })),
    ),
  );
  app.patch(
    '/api/me',
    route(ctx, { auth: true, body: UpdateProfileRequest }, async ({ ctx, actor, body }) => {
      if (body.displayName) {
        await ctx.db.user.update({ where: { id: actor.userId }, data: { displayName: body.displayName } });
      }
      if (body.status) await presence.setChosenStatus(actor.userId, body.status);
      return toUserProfile(await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId } }));
    }),
  );
  app.get(
    '/api/users',
    route(ctx, { auth: true }, async ({ ctx }) => ({ users: await listUsers(ctx) })),
  );
  app.post(
    '/api/users',
    route(ctx, { auth: true, body: CreateUserRequest }, ({ ctx, actor, body }) =>
      createUserAsAdmin(ctx, actor.userId, body),
    ),
  );

  // Conversations
  app.post(
    '/api/conversations/direct',
    route(ctx, { auth: true, body: OpenDirectRequest }, ({ ctx, actor, body }) =>
      openDirectConversation(ctx, actor, body.userId),
    ),
  );
  app.post(
    '/api/conversations',
    route(ctx, { auth: true, body: CreateConversationRequest }, ({ ctx, actor, body }) =>
      createConversation(ctx, actor, body),
    ),
  );
  app.get(
    '/api/channels',
    route(ctx, { auth: true }, async ({ ctx, actor }) => ({ channels: await listChannels(ctx, actor) })),
  );
  app.get(
    '/api/conversations/:id',
    route(ctx, { auth: true, params: IdParams }, async ({ ctx, actor, params }) => {
      await requireMembership(ctx.db, actor.userId, params.id);
      return conversationState(ctx, actor.userId, params.id);
    }),
  );
  app.post(
    '/api/conversations/:id/join',
    route(ctx, { auth: true, params: IdParams }, ({ ctx, actor, params }) =>
      joinChannel(ctx, actor, params.id),
    ),
  );
  app.post(
    '/api/conversations/:id/leave',
    route(ctx, { auth: true, params: IdParams }, ({ ctx, actor, params }) =>
      removeMember(ctx, actor, params.id, actor.userId),
    ),
  );
  app.get(
    '/api/conversations/:id/members',
    route(ctx, { auth: true, params: IdParams }, async ({ ctx, actor, params }) => ({
      members: await listMembers(ctx, actor, params.id),
    })),
  );
  app.post(
    '/api/conversations/:id/members',
    route(ctx, { auth: true, params: IdParams, body: AddMembersRequest }, ({ ctx, actor, params, body }) =>
      addMembers(ctx, actor, params.id, body.userIds),
    ),
  );
  app.delete(
    '/api/conversations/:id/members/:userId',
    route(ctx, { auth: true, params: MemberParams }, ({ ctx, actor, params }) =>
      removeMember(ctx, actor, params.id, params.userId),
    ),
  );
  app.patch(
    '/api/conversations/:id/settings',
    route(
      ctx,
      { auth: true, params: IdParams, body: UpdateMembershipSettingsRequest },
      ({ ctx, actor, params, body }) => setNotificationLevel(ctx, actor, params.id, body.notificationLevel),
    ),
  );

  // Search
  app.post(
    '/api/search',
    route(ctx, { auth: true, body: SearchRequest }, ({ ctx, actor, body }) =>
      searchMessages(ctx, actor, body),
    ),
  );

  if (!(await serveWebApp(app))) {
    app.setNotFoundHandler((_request, reply) =>
      reply.code(404).send({ code: 'not_found', message: 'no such endpoint' }),
    );
  }
  return app;
}
