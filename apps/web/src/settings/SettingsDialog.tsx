import { useSignOut } from '../app/use-sign-out';
import { Dialog } from '../ui/Dialog';
import { DevicesSection } from './DevicesSection';
import { NotificationsSection } from './NotificationsSection';
import { ProfileSection } from './ProfileSection';
import { StatusSection } from './StatusSection';

/** Profile, status, notifications and devices. Notification levels are set per conversation, in its header. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const signOut = useSignOut();
  return (
    <Dialog title="Settings" onClose={onClose} wide>
      <ProfileSection />
      <StatusSection />
      <NotificationsSection />
      <DevicesSection />
      <div className="dialog-actions">
        <button type="button" className="danger" onClick={signOut}>
          Sign out
        </button>
      </div>
    </Dialog>
  );
}
