import {
  type AddServerResult,
  DESKTOP_LIMITS,
  type ServerEntry,
  type ServerList,
  ServerList as ServerListSchema,
} from '@confab/shared/desktop';
import { z } from 'zod';
import { type JsonFile, readRecord } from '../storage/json-file.js';
import { parseServerUrl } from './server-url.js';

const StoredServers = z.object({ version: z.literal(1), list: ServerListSchema });

/** The servers the app remembers, and the one the window shows. */
export interface ServerStore {
  list(): ServerList;
  active(): ServerEntry | null;
  get(serverId: string): ServerEntry | undefined;
  /** The remembered server at this `host[:port]` (deep links name servers that way). */
  findByHost(host: string): ServerEntry | undefined;
  /** A server already remembered at the same origin is answered as is. */
  add(url: string, name?: string): Promise<AddServerResult>;
  /** The active server falls back to the first one left. */
  remove(serverId: string): Promise<ServerList>;
  setActive(serverId: string): Promise<ServerList>;
}

/**
 * Each server gets its own persistent Electron session: cookies, storage and the service worker
 * of one server are never visible to another.
 */
export function serverPartition(serverId: string): string {
  return `persist:confab-server-${serverId}`;
}

export async function loadServerStore(file: JsonFile, deps: { newId(): string }): Promise<ServerStore> {
  const empty: ServerList = { servers: [], activeId: null };
  let list = (await readRecord(file, StoredServers, { version: 1, list: empty })).list;
  if (list.activeId !== null && !list.servers.some((server) => server.id === list.activeId)) {
    list = { ...list, activeId: list.servers[0]?.id ?? null };
  }

  async function save(next: ServerList): Promise<ServerList> {
    list = next;
    await file.write({ version: 1, list });
    return list;
  }

  const get = (serverId: string) => list.servers.find((server) => server.id === serverId);

  return {
    list: () => list,
    active: () => (list.activeId === null ? null : (get(list.activeId) ?? null)),
    get,

    findByHost(host) {
      const wanted = host.toLowerCase();
      return list.servers.find((server) => new URL(server.origin).host === wanted);
    },

    async add(url, name) {
      const parsed = parseServerUrl(url);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const known = list.servers.find((server) => server.origin === parsed.origin);
      if (known !== undefined) return { ok: true, server: known, list };
      if (list.servers.length >= DESKTOP_LIMITS.serversMax) {
        return { ok: false, error: `At most ${DESKTOP_LIMITS.serversMax} servers.` };
      }
      const server: ServerEntry = {
        id: deps.newId(),
        name: (name ?? parsed.name).slice(0, DESKTOP_LIMITS.serverNameMaxChars),
        origin: parsed.origin,
      };
      const next = await save({ servers: [...list.servers, server], activeId: list.activeId });
      return { ok: true, server, list: next };
    },

    async remove(serverId) {
      if (get(serverId) === undefined) return list;
      const servers = list.servers.filter((server) => server.id !== serverId);
      const activeId = list.activeId === serverId ? (servers[0]?.id ?? null) : list.activeId;
      return save({ servers, activeId });
    },

    async setActive(serverId) {
      if (get(serverId) === undefined) throw new Error('unknown server');
      if (list.activeId === serverId) return list;
      return save({ ...list, activeId: serverId });
    },
  };
}
