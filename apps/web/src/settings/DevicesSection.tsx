import type { DeviceInfo } from '@confab/shared';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { useSignOut } from '../app/use-sign-out';
import { formatDateTime } from '../ui/time';

/** Where this account is signed in; revoking a device signs it out at once. */
export function DevicesSection() {
  const { api } = useApp();
  const signOut = useSignOut();
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.devices().then(
      (list) => setDevices(list.devices),
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [api]);
  useEffect(load, [load]);

  async function revoke(device: DeviceInfo) {
    try {
      await api.revokeDevice(device.id);
      load();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <section className="settings-section" aria-labelledby="devices-heading">
      <h3 id="devices-heading">Signed-in devices</h3>
      {devices === null && !error && <p>Loading…</p>}
      <ul className="device-list">
        {devices?.map((device) => (
          <li key={device.id} className="device-row">
            <div>
              <strong>{device.name}</strong>
              {device.current && <span className="role-tag">this device</span>}
              <p className="hint">
                Signed in {formatDateTime(device.createdAt)} · last active {formatDateTime(device.lastSeenAt)}
              </p>
            </div>
            {device.current ? (
              <button type="button" onClick={signOut}>
                Sign out
              </button>
            ) : (
              <button
                type="button"
                className="danger"
                aria-label={`Revoke ${device.name}`}
                onClick={() => revoke(device)}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
