import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.js';
import { createDeliveryMarks } from './delivery.js';
import { CONVERSATION, OTHER_CONVERSATION } from './testing/fixtures.js';

function setup() {
  const clock = createManualClock();
  const high = new Map([
    [CONVERSATION, 4],
    [OTHER_CONVERSATION, 9],
  ]);
  const emitted: [string, number][] = [];
  const connection = { connected: true };
  const delivery = createDeliveryMarks({
    clock,
    highSeq: (conversationId) => high.get(conversationId),
    emit: (conversationId, seq) => emitted.push([conversationId, seq]),
    isConnected: () => connection.connected,
  });
  return { clock, high, emitted, connection, delivery };
}

describe('delivered marks', () => {
  it('are batched for half a second and carry the highest seq held', () => {
    const { clock, high, emitted, delivery } = setup();
    delivery.note(CONVERSATION);
    high.set(CONVERSATION, 5);
    delivery.note(CONVERSATION);
    delivery.note(OTHER_CONVERSATION);
    clock.advance(499);
    expect(emitted).toEqual([]);
    clock.advance(1);
    expect(emitted).toEqual([
      [CONVERSATION, 5],
      [OTHER_CONVERSATION, 9],
    ]);
  });

  it('are not sent twice for the same seq', () => {
    const { clock, emitted, delivery } = setup();
    delivery.note(CONVERSATION);
    clock.advance(500);
    delivery.note(CONVERSATION);
    clock.advance(500);
    expect(emitted).toHaveLength(1);
  });

  it('wait while offline for the flush after the next catch-up', () => {
    const { clock, emitted, connection, delivery } = setup();
    connection.connected = false;
    delivery.note(CONVERSATION);
    clock.advance(500);
    expect(emitted).toEqual([]);
    connection.connected = true;
    delivery.flush();
    expect(emitted).toEqual([[CONVERSATION, 4]]);
  });
});
