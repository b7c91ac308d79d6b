import type { common as en } from '../en/common.js';

export const common: typeof en = {
  appName: 'Parley',
  nav: {
    chats: '聊天',
    people: '通讯录',
    settings: '设置',
  },
  connection: {
    'signed-out': '未登录',
    connecting: '正在连接…',
    online: '已连接',
    offline: '离线 — 正在显示已保存的消息，发送的内容将在恢复连接后送出',
    backOnline: '已恢复连接',
    untrusted: '服务器的密钥已更改 — 这可能是攻击。核对之前不会发送任何内容。',
    checkKey: '核对密钥…',
  },
  actions: {
    cancel: '取消',
    close: '关闭',
    save: '保存',
    confirm: '确定',
    retry: '重试',
    delete: '删除',
    copy: '复制',
    done: '完成',
    back: '返回',
  },
  time: {
    today: '今天',
    yesterday: '昨天',
    justNow: '刚刚',
  },
  errors: {
    generic: '出错了：{{message}}',
    NETWORK: '无法连接服务器。请检查地址，并确认服务器正在运行。',
    RATE_LIMITED: '尝试次数过多，请稍后再试。',
    FORBIDDEN: '你没有权限执行此操作。',
    NOT_FOUND: '该内容已不存在。',
    IPC_INVALID_REQUEST: '输入内容无效。',
  },
  emptyPane: '选择一个会话，或在通讯录中发起聊天。',
  loading: '加载中…',
  you: '我',
};
