import { z } from 'zod';
import { fileCacheLimitsGiB, Limits } from '../limits.js';

export const Language = z.enum(['system', 'zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/** The cache sizes one may choose, in GiB. */
export const FileCacheLimitGiB = z.literal(fileCacheLimitsGiB);
export type FileCacheLimitGiB = z.infer<typeof FileCacheLimitGiB>;

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
  /** The local file cache is kept under this many GiB, least recently used files going first; null: no limit. */
  fileCacheLimitGiB: FileCacheLimitGiB.nullable(),
};

/** Hosting a server on this computer: kept so it starts again with the app, on the same port. */
export const HostingSetting = z.object({
  /** Hosting was on when the app last ran (a stop from the user turns it off; quitting does not). */
  enabled: z.boolean(),
  /** The port it last ran on; the next start tries it first. */
  port: z.int().min(1).max(65535),
  /** The name it was started with. */
  name: z.string().max(Limits.serverNameMax).nullable(),
});
export type HostingSetting = z.infer<typeof HostingSetting>;

export const Settings = z.object({ ...settingsShape, hosting: HostingSetting });
export type Settings = z.infer<typeof Settings>;

/** What settings.set takes: any subset of the settings, nothing else (hosting changes through host.*). */
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
  fileCacheLimitGiB: 10,
  hosting: { enabled: false, port: 7400, name: null },
};
