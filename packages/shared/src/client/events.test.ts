import { describe, expect, it, vi } from 'vitest';
import type { ClientErrorReport } from './errors.js';
import { createServerEventHandler, type EventRoutes, parseServerEvent } from './events.js';
import { ALICE, CONVERSATION, message } from './testing/fixtures.js';

function routesSpy() {
  return {
    userId: ALICE,
    conversations: { get: vi.fn(), upsert: vi.fn(), remove: vi.fn(), changed: vi.fn() },
    ingest: { live: vi.fn(), applied: vi.fn() },
    typing: { receive: vi.fn() },
    presence: { receive: vi.fn() },
    delivery: { forget: vi.fn() },
    requestCatchUp: vi.fn(),
  };
}

function handlerWith(routes: ReturnType<typeof routesSpy>) {
  const reports: ClientErrorReport[] = [];
  const handle = createServerEventHandler(routes as unknown as EventRoutes, (report) => reports.push(report));
  return { handle, reports };
}

describe('server events', () => {
  it('are validated against the protocol schemas', () => {
    expect(parseServerEvent('message:new', message(1))).toMatchObject({
      ok: true,
      event: { name: 'message:new' },
    });
    expect(parseServerEvent('message:new', { ...message(1), seq: -1 })).toMatchObject({
      ok: false,
      report: { kind: 'invalid_event', event: 'message:new' },
    });
  });

  it('an event the protocol does not know is reported', () => {
    expect(parseServerEvent('message:exploded', {})).toEqual({
      ok: false,
      report: { kind: 'unknown_event', event: 'message:exploded' },
    });
    expect(parseServerEvent('toString', {})).toMatchObject({ ok: false });
  });

  it('invalid data is dropped and reported, never thrown into socket.io', () => {
    const routes = routesSpy();
    const { handle, reports } = handlerWith(routes);
    expect(() => handle('message:new', { seq: 'one' })).not.toThrow();
    expect(routes.ingest.live).not.toHaveBeenCalled();
    expect(reports.map((report) => report.kind)).toEqual(['invalid_event']);
  });

  it('a handler that throws is reported too', () => {
    const routes = routesSpy();
    routes.typing.receive.mockImplementation(() => {
      throw new Error('boom');
    });
    const { handle, reports } = handlerWith(routes);
    expect(() =>
      handle('typing', { conversationId: CONVERSATION, userId: ALICE, typing: true }),
    ).not.toThrow();
    expect(reports).toMatchObject([{ kind: 'internal', during: 'typing' }]);
  });

  it('are dispatched to their module', () => {
    const routes = routesSpy();
    const { handle } = handlerWith(routes);
    handle('message:new', message(1));
    handle('message:updated', message(1, { changeSeq: 2 }));
    handle('conversation:left', { conversationId: CONVERSATION });
    handle('presence', { updates: [{ userId: ALICE, status: 'dnd', lastSeenAt: null }] });
    expect(routes.ingest.live.mock.calls.map((call) => call[1])).toEqual(['new', 'updated']);
    expect(routes.conversations.remove).toHaveBeenCalledWith(CONVERSATION);
    expect(routes.presence.receive).toHaveBeenCalledWith([
      { userId: ALICE, status: 'dnd', lastSeenAt: null },
    ]);
  });

  it('read state for a conversation the device does not hold asks for a catch-up', () => {
    const routes = routesSpy();
    const { handle } = handlerWith(routes);
    handle('read:updated', { conversationId: CONVERSATION, userId: ALICE, readSeq: 1, deliveredSeq: 1 });
    expect(routes.requestCatchUp).toHaveBeenCalledOnce();
  });
});
