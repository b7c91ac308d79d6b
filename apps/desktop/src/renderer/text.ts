import type { ConnectionState } from '@parley/shared';

const zh = {
  connection: {
    'signed-out': '未登录',
    connecting: '正在连接…',
    online: '在线',
    offline: '离线',
  } satisfies Record<ConnectionState, string>,
  server: '服务器地址',
  username: '用户名',
  password: '密码',
  signIn: '登录',
  register: '注册新账号',
  signOut: '退出登录',
  conversations: '会话',
  noConversations: '还没有会话。',
  recalled: '消息已撤回',
  notRemembered: '此系统没有加密存储，Parley 不会记住登录状态。',
  preview: '这是 Parley 的预览界面：完整的聊天窗口将在下一个版本中提供。',
};

const en: typeof zh = {
  connection: {
    'signed-out': 'Signed out',
    connecting: 'Connecting…',
    online: 'Online',
    offline: 'Offline',
  },
  server: 'Server address',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  register: 'Create account',
  signOut: 'Sign out',
  conversations: 'Conversations',
  noConversations: 'No conversations yet.',
  recalled: 'Message recalled',
  notRemembered: 'This system has no encrypted storage: Parley will not remember your login.',
  preview: 'This is a preview screen: the full chat window comes in the next version.',
};

export type Text = typeof zh;

export const text: Text = navigator.language.toLowerCase().startsWith('zh') ? zh : en;
