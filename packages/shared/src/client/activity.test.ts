import { describe, expect, it } from 'vitest';
import { createActivity } from './activity.js';

function setup(connected = true) {
  const emitted: boolean[] = [];
  const statuses: string[] = [];
  const state = { connected };
  const activity = createActivity({
    emitActivity: (active) => emitted.push(active),
    requestStatus: async (status) => {
      statuses.push(status);
    },
    isConnected: () => state.connected,
  });
  return { activity, emitted, statuses, state };
}

describe('activity', () => {
  it('tells the server when the person goes idle and comes back, once per change', () => {
    const { activity, emitted } = setup();
    activity.setActive(false);
    activity.setActive(false);
    activity.setActive(true);
    expect(emitted).toEqual([false, true]);
  });

  it('says nothing while disconnected, and repeats "idle" after a reconnect', () => {
    const { activity, emitted, state } = setup(false);
    activity.setActive(false);
    expect(emitted).toEqual([]);
    state.connected = true;
    activity.resend();
    expect(emitted).toEqual([false]);
  });

  it('has nothing to repeat for an active device: a new connection starts active', () => {
    const { activity, emitted } = setup();
    activity.resend();
    expect(emitted).toEqual([]);
    expect(activity.active).toBe(true);
  });

  it('sends the chosen status as a request', async () => {
    const { activity, statuses } = setup();
    await activity.setStatus('dnd');
    expect(statuses).toEqual(['dnd']);
  });
});
