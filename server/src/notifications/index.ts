export { startNotifier, type NotificationConfig, type Notifier, type NotifierOptions, type NotifyReport } from './notifier';
export { smsHttpChannel, smtpChannel, type Channel, type OutgoingMessage } from './channels';
export { backoff, deliverNotifications, type DeliveryReport } from './deliver';
export { planNotifications } from './plan';
export { NOTIFICATION_KINDS, planMessage, renderMessage, type Locale, type NotificationKind } from './templates';
