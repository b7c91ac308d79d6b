import type { hosting as en } from '../en/hosting.js';

export const hosting: typeof en = {
  offer: {
    or: '或者',
    host: '在本机托管服务器',
  },
  step: {
    title: '在本机托管服务器',
    intro:
      'Parley 打开期间会在后台运行服务器。局域网内的其他人使用显示的地址连接；你创建的第一个账号将负责管理这台服务器。',
    back: '改为加入服务器',
  },
  form: {
    name: '服务器名称',
    placeholder: '例如：设计部',
    hint: '其他人连接时会看到这个名称，之后可以修改。',
    start: '启动服务器',
    starting: '正在启动服务器…',
    errors: {
      required: '请为服务器取个名字。',
      tooLong: '最多 {{max}} 个字符。',
      control: '名称只能有一行。',
    },
  },
  failure: {
    'port-unavailable': '找不到可用的端口：7400 及之后的端口都被占用。请关闭占用它们的程序后重试。',
    'data-too-new': '服务器数据由更新版本的 Parley 保存。请先升级 Parley 再托管。',
    'start-failed': '服务器无法启动：{{message}}',
    crashed: '服务器意外停止。可以重新启动，数据都还在。',
    unavailable: '此窗口无法托管服务器。',
  },
  firstAccount: '服务器已启动。请创建第一个账号：它将负责管理服务器（邀请他人、修改设置）。',
  settings: {
    running: '本机正在托管“{{name}}”',
    starting: '正在启动服务器…',
    stopping: '正在停止服务器…',
    stopped: '本机没有托管服务器。',
    connected_one: '{{count}} 人在线',
    connected_other: '{{count}} 人在线',
    addresses: '连接地址',
    addressesHint: '把其中一个地址告诉局域网内的其他人。他们在 Parley 的登录界面也能看到这台服务器。',
    noNetwork: '本机没有连接网络：只有本机可以连接。',
    fingerprint: '密钥指纹',
    keepsRunning: 'Parley 打开期间服务器会一直运行（关闭窗口后也在托盘中运行），并会随 Parley 一起重新启动。',
    startHint: '在本机运行 Parley 服务器，数据保存在本机，供局域网内的人使用。',
    stop: '停止托管',
    stopTitle: '停止托管？',
    cutOff_one: '{{count}} 人将被断开连接。服务器再次运行后，他们会自动重新连接。',
    cutOff_other: '{{count}} 人将被断开连接。服务器再次运行后，他们会自动重新连接。',
    alsoYou: '你自己也登录在这台服务器上：在它再次运行之前，Parley 将处于离线状态。',
  },
};
