import { describe, expect, it } from 'vitest';
import type { Presence } from '../protocol/index.js';
import { createPresenceStore } from './presence-store.js';
import { ALICE, BOB, ME } from './testing/fixtures.js';

const online = (userId: string): Presence => ({ userId, status: 'online', lastSeenAt: null });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(connected = true) {
  const sent: string[][] = [];
  const answers: ((presences: Presence[]) => void)[] = [];
  const state = { connected };
  const presence = createPresenceStore({
    isConnected: () => state.connected,
    sendSubscription: (userIds) => {
      sent.push(userIds);
      return new Promise((resolve) => answers.push(resolve));
    },
  });
  return { presence, sent, answers, state };
}

describe('presence store', () => {
  it('sends the union of all subscriptions once per tick', async () => {
    const { presence, sent } = setup();
    presence.subscribe([ALICE]);
    presence.subscribe([BOB, ALICE]);
    await tick();
    expect(sent).toEqual([[ALICE, BOB]]);
  });

  it('keeps a user subscribed until the last subscriber lets go', async () => {
    const { presence, sent, answers } = setup();
    presence.subscribe([ALICE, BOB]);
    presence.subscribe([ALICE]);
    await tick();
    answers.shift()?.([]);
    presence.unsubscribe([ALICE]);
    await tick();
    expect(sent).toHaveLength(1);
    presence.unsubscribe([ALICE]);
    await tick();
    expect(sent).toEqual([[ALICE, BOB], [BOB]]);
  });

  it('keeps the presences the server reports for subscribed users only', async () => {
    const { presence, answers } = setup();
    presence.subscribe([ALICE]);
    await tick();
    answers.shift()?.([online(ALICE)]);
    await tick();
    presence.receive([online(BOB), { userId: ALICE, status: 'away', lastSeenAt: null }]);
    expect(presence.get(ALICE)?.status).toBe('away');
    expect(presence.get(BOB)).toBeUndefined();
  });

  it('forgets a presence when its user is unsubscribed', () => {
    const { presence } = setup();
    presence.subscribe([ALICE]);
    presence.receive([online(ALICE)]);
    presence.unsubscribe([ALICE]);
    expect(presence.get(ALICE)).toBeUndefined();
  });

  it('sends nothing while offline and the whole set again after a reconnect', async () => {
    const { presence, sent, state } = setup(false);
    presence.subscribe([ALICE, ME]);
    await tick();
    expect(sent).toEqual([]);
    state.connected = true;
    presence.resend();
    expect(sent).toEqual([[ALICE, ME]]);
  });

  it('has one request in flight at a time, so the newest set is the last one the server gets', async () => {
    const { presence, sent, answers } = setup();
    presence.subscribe([ALICE]);
    await tick();
    presence.subscribe([BOB]);
    await tick();
    presence.unsubscribe([ALICE]);
    await tick();
    expect(sent).toEqual([[ALICE]]);
    answers.shift()?.([]);
    await tick();
    expect(sent).toEqual([[ALICE], [BOB]]);
  });
});
