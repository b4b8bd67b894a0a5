import { describe, expect, it } from 'vitest';
import { notificationContent } from './content.js';

const base = {
  conversation: { kind: 'channel' as const, name: 'general' },
  senderName: 'Alice',
  text: 'Deploy  is\ndone',
  count: 1,
};

describe('notification content', () => {
  it('shows sender, where and text with the full preview', () => {
    expect(notificationContent({ ...base, preview: 'full' })).toEqual({
      title: 'Alice in #general',
      body: 'Deploy is done',
    });
    expect(
      notificationContent({
        ...base,
        preview: 'full',
        conversation: { kind: 'direct', name: null },
        count: 3,
      }),
    ).toEqual({ title: 'Alice', body: '3 new messages\nDeploy is done' });
  });

  it('hides the text with the sender preview, and everything with none', () => {
    expect(notificationContent({ ...base, preview: 'sender', count: 2 })).toEqual({
      title: 'Alice in #general',
      body: '2 new messages',
    });
    expect(notificationContent({ ...base, preview: 'none' })).toEqual({
      title: 'Confab',
      body: 'New message',
    });
  });

  it('shortens long texts', () => {
    const { body } = notificationContent({ ...base, preview: 'full', text: 'x'.repeat(1_000) });
    expect(body).toHaveLength(200);
    expect(body.endsWith('…')).toBe(true);
  });
});
