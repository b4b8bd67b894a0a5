export { applicationServerKey } from './application-server-key';
export {
  createPushNotifications,
  type OpenConversation,
  type PushNotifications,
  type PushStatus,
  pushSupported,
} from './push-notifications';
export { createNotificationSettingsApi } from './settings-api';
