import { PROTOCOL_VERSION, type Session } from '@confab/shared';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { useTestWorld } from '../test-support/test-world.js';

const world = useTestWorld();

/** Connects and reports how the server answered: connected, or the refusal's code. */
function tryConnect(token: string, protocolVersion = PROTOCOL_VERSION) {
  const socket = io(world.url, {
    auth: { token, protocolVersion },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (error) =>
      resolve((error as Error & { data?: { code: string } }).data?.code ?? error.message),
    );
  });
}

describe('devices', () => {
  it('lists each signed-in device of the user, marking the current one', async () => {
    const laptop = await world.signUp('ana');
    const phone = await world.signIn('ana', 'Phone');
    const response = await world.http<{ devices: Array<{ id: string; name: string; current: boolean }> }>(
      'GET',
      '/api/devices',
      {
        token: phone.accessToken,
      },
    );
    expect(response.status).toBe(200);
    expect(response.body.devices.map((d) => [d.id, d.current]).sort()).toEqual(
      [
        [laptop.deviceId, false],
        [phone.deviceId, true],
      ].sort(),
    );
  });

  it('revoking a device disconnects its live socket at once and refuses its tokens', async () => {
    const laptop = await world.signUp('ben');
    const phone = await world.signIn('ben', 'Phone');
    const phoneSocket = await world.connect(phone);
    const laptopSocket = await world.connect(laptop);
    const disconnected = new Promise<string>((resolve) =>
      phoneSocket.once('disconnect', (reason) => resolve(reason)),
    );

    const revoke = await world.http('DELETE', `/api/devices/${phone.deviceId}`, {
      token: laptop.accessToken,
    });
    expect(revoke.status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect(laptopSocket.connected).toBe(true);

    expect(await tryConnect(phone.accessToken)).toBe('unauthorized');
    expect((await world.http('GET', '/api/me', { token: phone.accessToken })).status).toBe(401);
    const refresh = await world.http('POST', '/api/auth/refresh', {
      body: { refreshToken: phone.refreshToken },
    });
    expect(refresh).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    expect(await tryConnect(laptop.accessToken)).toBe('connected');
  });

  it('cannot revoke another user’s device', async () => {
    const cy = await world.signUp('cy');
    const dee = await world.signUp('dee');
    const response = await world.http('DELETE', `/api/devices/${dee.deviceId}`, { token: cy.accessToken });
    expect(response.status).toBe(404);
    expect(await tryConnect(dee.accessToken)).toBe('connected');
  });

  it('signing out revokes the current device', async () => {
    const eve = await world.signUp('eve');
    const socket = await world.connect(eve);
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    expect((await world.http('POST', '/api/auth/logout', { token: eve.accessToken })).status).toBe(204);
    await disconnected;
    expect(await tryConnect(eve.accessToken)).toBe('unauthorized');
  });
});

describe('connecting', () => {
  it('is refused without a token, with a forged token, or with an expired one', async () => {
    const fay = await world.signUp('fay');
    expect(await tryConnect('')).toBe('unauthorized');
    expect(await tryConnect(`${fay.accessToken.slice(0, -4)}AAAA`)).toBe('unauthorized');
    const shortLived = await world.startServer({ accessTokenTtlSeconds: 1 });
    const login = await fetch(`http://127.0.0.1:${shortLived.port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'fay', password: 'correct horse battery staple', deviceName: 'x' }),
    });
    const session = (await login.json()) as Session;
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await tryConnect(session.accessToken)).toBe('unauthorized');
    await shortLived.close();
  });

  it('is refused for a client speaking another protocol version', async () => {
    const gus = await world.signUp('gus');
    expect(await tryConnect(gus.accessToken, PROTOCOL_VERSION + 1)).toBe('unsupported_protocol');
  });
});

describe('sessions', () => {
  it('a refresh token works once and returns its successor', async () => {
    const hal = await world.signUp('hal');
    const first = await world.http<Session>('POST', '/api/auth/refresh', {
      body: { refreshToken: hal.refreshToken },
    });
    expect(first.status).toBe(200);
    expect(first.body.deviceId).toBe(hal.deviceId);
    const reused = await world.http('POST', '/api/auth/refresh', {
      body: { refreshToken: hal.refreshToken },
    });
    expect(reused.status).toBe(401);
    const next = await world.http('POST', '/api/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(next.status).toBe(200);
  });

  it('a wrong password or unknown user is refused the same way', async () => {
    await world.signUp('ivy');
    const wrong = await world.http('POST', '/api/auth/login', {
      body: { username: 'ivy', password: 'not the password' },
    });
    const unknown = await world.http('POST', '/api/auth/login', {
      body: { username: 'nobody', password: 'whatever1' },
    });
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
  });

  it('only workspace admins create accounts, and the first-run setup is closed once anyone exists', async () => {
    const admin = await world.signUp('root', { role: 'admin' });
    const member = await world.signIn('ivy');
    const body = { username: 'newbie', displayName: 'Newbie', password: 'long enough password' };
    expect((await world.http('POST', '/api/users', { token: member.accessToken, body })).status).toBe(403);
    expect((await world.http('POST', '/api/users', { token: admin.accessToken, body })).status).toBe(200);
    expect((await world.http('POST', '/api/users', { token: admin.accessToken, body })).status).toBe(409);
    const setup = await world.http('POST', '/api/setup', { body: { ...body, username: 'intruder' } });
    expect(setup).toMatchObject({ status: 409, body: { code: 'conflict' } });
  });
});
