import type { ClientEventName } from '@confab/shared';
import type { LimitName } from '../../platform/rate-limits.js';

/** Which rate limit each client event counts against; reads and syncs are not limited. */
export const EVENT_LIMITS: Partial<Record<ClientEventName, LimitName>> = {
  'message:send': 'send',
  'message:edit': 'send',
  'message:delete': 'send',
  'reaction:add': 'send',
  'reaction:remove': 'send',
  'typing:start': 'typing',
  'typing:stop': 'typing',
  'presence:subscribe': 'presence',
  'presence:activity': 'presence',
  'presence:setStatus': 'presence',
};
