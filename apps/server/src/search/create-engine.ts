import type { ServerConfig } from '../config.js';
import type { Database } from '../platform/database/prisma.js';
import type { SearchEngine } from './engine.js';
import { createMeilisearchEngine } from './meilisearch-engine.js';
import { createPostgresEngine } from './postgres-engine.js';

/** Meilisearch when MEILI_URL is set, PostgreSQL full-text search otherwise. */
export function createSearchEngine(
  config: Pick<ServerConfig, 'meiliUrl' | 'meiliKey' | 'meiliIndex'>,
  db: Database,
): SearchEngine {
  if (config.meiliUrl) {
    return createMeilisearchEngine({ url: config.meiliUrl, key: config.meiliKey, index: config.meiliIndex });
  }
  return createPostgresEngine(db);
}
