import type { Language } from '@parley/shared';

export type UiLanguage = 'zh-CN' | 'en';

/** "system" follows the first preferred system language: any Chinese one gives zh-CN. */
export function resolveLanguage(setting: Language, systemLanguages: readonly string[]): UiLanguage {
  if (setting !== 'system') return setting;
  return systemLanguages[0]?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export interface ShellText {
  trayOpen: string;
  trayDoNotDisturb: string;
  trayQuit: string;
  trayTooltip: (unread: number) => string;
  newMessage: string;
  mentionedYou: string;
  /** Before a merged notification's text: how many messages it stands for ("[3 条]"). */
  countTag: (count: number) => string;
  /** Before a merged notification's text when one of its messages mentions me. */
  mentionTag: string;
  /** A merged notification's text when there is no preview. */
  newMessages: (count: number) => string;
  /** The summary after a catch-up that brought news to many conversations. */
  summaryTitle: string;
  summary: (messages: number, conversations: number) => string;
  summaryMentioned: string;
  someone: string;
  /** How a file message reads in a notification's text: "[图片]", "[文件] a.pdf", "[语音] 0:12", "[视频]". */
  imageTag: string;
  fileTag: string;
  voiceTag: string;
  videoTag: string;
  /** The tray's first line while this computer hosts the server. */
  trayHosting: (connected: number) => string;
  /** Tray menu and dialog button. */
  stopHosting: string;
  /** Asking before hosting stops while people are connected. */
  stopHostingTitle: string;
  quitHostingTitle: string;
  cutOff: (people: number) => string;
  cutOffDetail: string;
  stopHostingAndQuit: string;
  cancel: string;
  plainTextStorage: string;
  startFailedTitle: string;
  nativeModuleMissing: (detail: string) => string;
}

const zh: ShellText = {
  trayOpen: '打开 Parley',
  trayDoNotDisturb: '勿扰模式',
  trayQuit: '退出 Parley',
  trayTooltip: (n) => (n > 0 ? `Parley — ${n} 条未读` : 'Parley'),
  newMessage: '新消息',
  mentionedYou: '有人 @ 了你',
  countTag: (n) => `[${n} 条]`,
  mentionTag: '[有人@我]',
  newMessages: (n) => (n === 1 ? '新消息' : `${n} 条新消息`),
  summaryTitle: 'Parley',
  summary: (messages, conversations) => `${conversations} 个聊天中有 ${messages} 条新消息`,
  summaryMentioned: '，其中有人 @ 了你',
  someone: '有人',
  imageTag: '[图片]',
  fileTag: '[文件]',
  voiceTag: '[语音]',
  videoTag: '[视频]',
  trayHosting: (n) => `正在本机托管 — ${n} 人在线`,
  stopHosting: '停止托管',
  stopHostingTitle: '停止托管？',
  quitHostingTitle: '退出 Parley？',
  cutOff: (n) => `${n} 人将被断开连接`,
  cutOffDetail: '他们正连接着本机托管的服务器。服务器再次运行后，他们会自动重新连接。',
  stopHostingAndQuit: '停止托管并退出',
  cancel: '取消',
  plainTextStorage:
    '此系统没有可用的加密存储（如 GNOME 密钥环或 KWallet），Parley 不会记住登录状态，下次启动需要重新登录。',
  startFailedTitle: 'Parley 无法启动',
  nativeModuleMissing: (detail) =>
    `找不到适用于 Electron 的 SQLite 模块。请在联网状态下运行 “npm run build:native”，然后重新启动。\n\n${detail}`,
};

const en: ShellText = {
  trayOpen: 'Open Parley',
  trayDoNotDisturb: 'Do Not Disturb',
  trayQuit: 'Quit Parley',
  trayTooltip: (n) => (n > 0 ? `Parley — ${n} unread` : 'Parley'),
  newMessage: 'New message',
  mentionedYou: 'You were mentioned',
  countTag: (n) => `[${n} messages]`,
  mentionTag: '[Mentioned]',
  newMessages: (n) => (n === 1 ? 'New message' : `${n} new messages`),
  summaryTitle: 'Parley',
  summary: (messages, conversations) =>
    `${messages} new message${messages === 1 ? '' : 's'} in ${conversations} chat${conversations === 1 ? '' : 's'}`,
  summaryMentioned: ', including a mention of you',
  someone: 'Someone',
  imageTag: '[Image]',
  fileTag: '[File]',
  voiceTag: '[Voice]',
  videoTag: '[Video]',
  trayHosting: (n) => `Hosting on this computer — ${n} connected`,
  stopHosting: 'Stop Hosting',
  stopHostingTitle: 'Stop hosting?',
  quitHostingTitle: 'Quit Parley?',
  cutOff: (n) => (n === 1 ? '1 person will be cut off' : `${n} people will be cut off`),
  cutOffDetail:
    'They are connected to the server this computer hosts. They reconnect by themselves once it runs again.',
  stopHostingAndQuit: 'Stop Hosting and Quit',
  cancel: 'Cancel',
  plainTextStorage:
    'This system offers no encrypted storage (such as GNOME Keyring or KWallet), so Parley will not remember your login: you will sign in again next time.',
  startFailedTitle: 'Parley could not start',
  nativeModuleMissing: (detail) =>
    `The SQLite module built for Electron is missing. Run "npm run build:native" while online, then start again.\n\n${detail}`,
};

export function shellText(language: UiLanguage): ShellText {
  return language === 'zh-CN' ? zh : en;
}
