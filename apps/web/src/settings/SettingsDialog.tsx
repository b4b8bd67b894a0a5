import { useApp } from '../app/app-context';
import { Dialog } from '../ui/Dialog';
import { DevicesSection } from './DevicesSection';
import { ProfileSection } from './ProfileSection';
import { StatusSection } from './StatusSection';

/** Profile, status and devices. Notification levels are set per conversation, in its header. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const { session } = useApp();
  return (
    <Dialog title="Settings" onClose={onClose} wide>
      <ProfileSection />
      <StatusSection />
      <DevicesSection />
      <div className="dialog-actions">
        <button type="button" className="danger" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </div>
    </Dialog>
  );
}
