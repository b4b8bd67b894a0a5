import { describe, expect, it } from 'vitest';
import { createMemoryJsonFile } from '../storage/json-file.js';
import { loadServerStore, serverPartition } from './server-store.js';

const IDS = [
  '11111111-1111-4111-8111-111111111111',
  '22222222-2222-4222-8222-222222222222',
  '33333333-3333-4333-8333-333333333333',
];

function ids() {
  let next = 0;
  return { newId: () => IDS[next++] ?? `00000000-0000-4000-8000-${String(next).padStart(12, '0')}` };
}

describe('the server list', () => {
  it('starts empty, with no active server', async () => {
    const store = await loadServerStore(createMemoryJsonFile(), ids());
    expect(store.list()).toEqual({ servers: [], activeId: null });
    expect(store.active()).toBeNull();
  });

  it('remembers several servers across restarts', async () => {
    const file = createMemoryJsonFile();
    const store = await loadServerStore(file, ids());
    await store.add('https://chat.acme.test');
    await store.add('http://127.0.0.1:3000', 'Local');
    await store.setActive(IDS[1]!);

    const again = await loadServerStore(file, ids());
    expect(again.list()).toEqual({
      servers: [
        { id: IDS[0], name: 'chat.acme.test', origin: 'https://chat.acme.test' },
        { id: IDS[1], name: 'Local', origin: 'http://127.0.0.1:3000' },
      ],
      activeId: IDS[1],
    });
    expect(again.active()?.name).toBe('Local');
  });

  it('answers a server added twice with the one it has', async () => {
    const store = await loadServerStore(createMemoryJsonFile(), ids());
    const first = await store.add('chat.acme.test');
    const second = await store.add('https://chat.acme.test/c/abc');
    expect(second).toEqual(first.ok ? { ok: true, server: first.server, list: store.list() } : first);
    expect(store.list().servers).toHaveLength(1);
  });

  it('refuses an address it cannot use, and saves nothing', async () => {
    const file = createMemoryJsonFile();
    const store = await loadServerStore(file, ids());
    expect(await store.add('file:///etc/passwd')).toMatchObject({ ok: false });
    expect(file.value).toBeUndefined();
  });

  it('moves the active server to the first one left when the active one is removed', async () => {
    const store = await loadServerStore(createMemoryJsonFile(), ids());
    await store.add('https://a.test');
    await store.add('https://b.test');
    await store.setActive(IDS[1]!);
    expect((await store.remove(IDS[1]!)).activeId).toBe(IDS[0]);
    expect((await store.remove(IDS[0]!)).activeId).toBeNull();
  });

  it('refuses to activate a server it does not know', async () => {
    const store = await loadServerStore(createMemoryJsonFile(), ids());
    await expect(store.setActive(IDS[0]!)).rejects.toThrow('unknown server');
  });

  it('finds a server by host and port, as deep links name it', async () => {
    const store = await loadServerStore(createMemoryJsonFile(), ids());
    await store.add('http://127.0.0.1:3000');
    await store.add('https://Chat.Acme.test');
    expect(store.findByHost('127.0.0.1:3000')?.id).toBe(IDS[0]);
    expect(store.findByHost('CHAT.acme.test')?.id).toBe(IDS[1]);
    expect(store.findByHost('127.0.0.1')).toBeUndefined();
  });

  it('starts empty from a damaged file, and drops an active id that is not in the list', async () => {
    expect(
      (await loadServerStore(createMemoryJsonFile({ version: 1, list: 'x' }), ids())).list().servers,
    ).toEqual([]);
    const dangling = createMemoryJsonFile({
      version: 1,
      list: { servers: [{ id: IDS[0], name: 'A', origin: 'https://a.test' }], activeId: IDS[2] },
    });
    expect((await loadServerStore(dangling, ids())).list().activeId).toBe(IDS[0]);
  });

  it('gives each server its own persistent session', () => {
    expect(serverPartition(IDS[0]!)).toBe(`persist:confab-server-${IDS[0]}`);
    expect(serverPartition(IDS[0]!)).not.toBe(serverPartition(IDS[1]!));
  });
});
