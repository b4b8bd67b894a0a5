import type { Session } from '@confab/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionManager } from './session-manager';

const USER_ID = '0190f0c2-1c2b-7aaa-8bbb-123456789abc';
const DEVICE_ID = '0190f0c2-1c2b-7aaa-8bbb-123456789abd';
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

function session(n: number, expiresAt = inMinutes(15)): Session {
  return {
    accessToken: `access-${n}`,
    accessTokenExpiresAt: expiresAt,
    refreshToken: `refresh-${n}`,
    deviceId: DEVICE_ID,
    user: { id: USER_ID, username: 'ana', displayName: 'Ana', role: 'member', deactivated: false },
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('session manager', () => {
  let stored: Map<string, string>;
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    stored = new Map();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => stored.set(key, value),
      removeItem: (key: string) => stored.delete(key),
    });
    vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
    vi.stubGlobal('navigator', {});
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  const signedInAs = (value: Session) => {
    const manager = createSessionManager();
    manager.signedIn(value);
    return manager;
  };
  const refreshCalls = () => fetchMock.mock.calls.filter(([path]) => path === '/api/auth/refresh');

  it('hands out the access token while it has time left', async () => {
    const manager = signedInAs(session(1));
    expect(await manager.getAccessToken()).toBe('access-1');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refreshes a token about to expire once, however many ask at the same time', async () => {
    const manager = signedInAs(session(1, inMinutes(0.5)));
    fetchMock.mockResolvedValue(json(200, session(2)));
    const tokens = await Promise.all([manager.getAccessToken(), manager.getAccessToken()]);
    expect(tokens).toEqual(['access-2', 'access-2']);
    expect(refreshCalls()).toHaveLength(1);
    expect(JSON.parse(fetchMock.mock.calls[0]?.[1].body)).toEqual({ refreshToken: 'refresh-1' });
    expect(JSON.parse(stored.get('confab.session') ?? '{}').refreshToken).toBe('refresh-2');
  });

  it('refreshes after the server refused the token, even one that has not expired', async () => {
    const manager = signedInAs(session(1));
    fetchMock.mockResolvedValue(json(200, session(2)));
    expect(await manager.getAccessToken({ refused: true })).toBe('access-2');
  });

  it('takes the token another tab refreshed instead of spending the used refresh token', async () => {
    const manager = signedInAs(session(1, inMinutes(0.5)));
    stored.set('confab.session', JSON.stringify(session(7)));
    expect(await manager.getAccessToken()).toBe('access-7');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('ends the session when the refresh is refused (a revoked device)', async () => {
    const manager = signedInAs(session(1));
    const told = vi.fn();
    manager.subscribe(told);
    fetchMock.mockResolvedValue(json(401, { code: 'unauthorized', message: 'device revoked' }));
    expect(await manager.getAccessToken({ refused: true })).toBeNull();
    expect(manager.current()).toBeNull();
    expect(stored.has('confab.session')).toBe(false);
    expect(told).toHaveBeenCalled();
  });

  it('keeps the session when the refresh fails for another reason, so the engine retries later', async () => {
    const manager = signedInAs(session(1));
    fetchMock.mockRejectedValue(new TypeError('network down'));
    await expect(manager.getAccessToken({ refused: true })).rejects.toThrow('network down');
    expect(manager.current()?.accessToken).toBe('access-1');
  });

  it('repeats an API call once with a refreshed token after a 401', async () => {
    const manager = signedInAs(session(1));
    fetchMock.mockResolvedValue(json(200, session(2)));
    const call = vi
      .fn<(token: string) => Promise<string>>()
      .mockImplementationOnce(async () => {
        const { ApiError } = await import('../api/api-error');
        throw new ApiError(401, 'unauthorized', 'expired');
      })
      .mockImplementationOnce(async (token) => `done with ${token}`);
    expect(await manager.authorized(call)).toBe('done with access-2');
    expect(call).toHaveBeenCalledTimes(2);
  });
});
