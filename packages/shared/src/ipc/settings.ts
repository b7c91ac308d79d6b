import { z } from 'zod';

export const Language = z.enum(['system', 'zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

const settingsShape = {
  /** Native notifications for new messages (the policy in core decides which). */
  notifications: z.boolean(),
  /** Show the message text in a notification; off shows only "New message". */
  notificationPreview: z.boolean(),
  notificationSound: z.boolean(),
  /** Silences everything except an @mention of me. */
  doNotDisturb: z.boolean(),
  /** Closing the window keeps Parley running in the tray. */
  closeToTray: z.boolean(),
  startAtLogin: z.boolean(),
  language: Language,
  theme: Theme,
  /** In the composer, Ctrl/Cmd+Enter sends and Enter starts a new line (the default is the reverse). */
  sendWithCtrlEnter: z.boolean(),
};

export const Settings = z.object(settingsShape);
export type Settings = z.infer<typeof Settings>;

/** What settings.set takes: any subset of the settings, nothing else. */
export const SettingsPatch = z.strictObject(settingsShape).partial();
export type SettingsPatch = z.input<typeof SettingsPatch>;

export const defaultSettings: Settings = {
  notifications: true,
  notificationPreview: true,
  notificationSound: true,
  doNotDisturb: false,
  closeToTray: true,
  startAtLogin: false,
  language: 'system',
  theme: 'system',
  sendWithCtrlEnter: false,
};
