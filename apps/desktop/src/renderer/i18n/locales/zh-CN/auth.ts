import type { auth as en } from '../en/auth.js';

export const auth: typeof en = {
  tagline: '部署在自己网络里的团队聊天',
  server: {
    title: '连接服务器',
    label: '服务器地址',
    placeholder: '例如 192.168.1.20:7400',
    hint: '服务器启动时会显示地址，也可以问问管理员。',
    check: '连接',
    checking: '正在连接…',
    change: '更换',
    version: '版本 {{version}}',
    errors: {
      empty: '请输入服务器地址。',
      invalid: '地址格式不正确，可以参考 192.168.1.20:7400 这样的写法。',
      unreachable: '该地址没有响应。请检查地址是否正确，以及服务器是否正在运行。',
      notParley: '该地址有响应，但它不是 Parley 服务器。',
      generic: '无法检查服务器：{{message}}',
    },
  },
  tabs: {
    label: '登录或注册',
    login: '登录',
    register: '注册账号',
  },
  fields: {
    username: '用户名',
    displayName: '昵称',
    password: '密码',
    confirm: '确认密码',
  },
  hints: {
    username: '3–32 位字母、数字、“_”、“.” 或 “-”，别人可以用它找到你。',
    displayName: '聊天中显示的名字，之后可以修改。',
    password: '至少 8 个字符。',
  },
  fieldErrors: {
    required: '必填。',
    usernameRule: '请使用 3–32 位字母、数字、“_”、“.” 或 “-”。',
    displayNameRule: '最多 64 个字符，且不能换行。',
    passwordRule: '密码至少需要 8 个字符。',
    mismatch: '两次输入的密码不一致。',
    usernameTaken: '该用户名已被占用，请换一个。',
  },
  formErrors: {
    invalidCredentials: '用户名或密码错误。',
    network: '暂时无法连接服务器，请检查网络后重试。',
    badResponse: '服务器返回了 Parley 无法识别的内容。',
    rateLimited: '尝试次数过多，请几分钟后再试。',
    shuttingDown: '服务器正在重启，请稍后再试。',
    invalidInput: '部分信息填写有误。',
    generic: '操作失败：{{message}}',
  },
  submit: {
    login: '登录',
    register: '注册',
    loggingIn: '正在登录…',
    registering: '正在注册…',
  },
  signedOut: {
    revoked: '本设备已在你的其他设备上被退出登录，请重新登录。',
    passwordChanged: '账号密码已修改，本设备已退出登录，请使用新密码重新登录。',
    security: '为保障账号安全，本设备已退出登录（登录凭证在其他地方被使用过），请重新登录。',
    expired: '登录已失效，请重新登录。',
  },
  rememberWarning: '这台电脑没有可供 Parley 安全保存登录信息的位置，每次启动 Parley 都需要重新登录。',
};
