import type { ChannelListing } from '@confab/shared';
import { useEffect, useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { Dialog } from '../ui/Dialog';

export function BrowseChannelsDialog(props: { onClose(): void; onOpen(conversationId: string): void }) {
  const { api, client } = useApp();
  const [channels, setChannels] = useState<ChannelListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.channels().then(
      (list) => setChannels(list.channels),
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [api]);

  async function join(channel: ChannelListing) {
    if (channel.joined) return props.onOpen(channel.id);
    try {
      client.adoptState(await api.join(channel.id));
      props.onOpen(channel.id);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <Dialog title="Channels" onClose={props.onClose}>
      {channels === null && !error && <p>Loading…</p>}
      {channels?.length === 0 && <p className="hint">No public channels yet. Create one with “New group”.</p>}
      <ul className="channel-list">
        {channels?.map((channel) => (
          <li key={channel.id} className="channel-row">
            <div>
              <strong># {channel.name}</strong>
              <span className="hint">
                {' '}
                · {channel.memberCount} {channel.memberCount === 1 ? 'member' : 'members'}
              </span>
              {channel.topic && <p className="hint">{channel.topic}</p>}
            </div>
            <button
              type="button"
              onClick={() => join(channel)}
              aria-label={`${channel.joined ? 'Open' : 'Join'} #${channel.name}`}
            >
              {channel.joined ? 'Open' : 'Join'}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
