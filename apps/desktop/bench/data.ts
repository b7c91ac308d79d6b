/** Deterministic pseudo-random chat messages: English, Chinese and mixed, from small word lists. */

const ENGLISH = `the a to and of is in it you that for on we this with be are at have can will not
  just do so but if all get our my your me was from ok what about now up out one when more time
  any there yes no thanks please here today tomorrow meeting release deploy server client build test
  review merge branch commit ticket issue bug fix patch version update schedule lunch coffee office
  team project design document draft report budget invoice customer contract launch roadmap sprint
  standup retro demo slides deadline weekend holiday flight hotel parking printer network password
  laptop monitor keyboard database backup restore migration search index cache latency throughput
  benchmark profile memory storage message conversation channel thread reaction mention notification
  desktop mobile browser window screen install upgrade config setting feature request question answer
  morning afternoon evening monday tuesday wednesday thursday friday quarterly annual planning
  hiring interview candidate offer onboarding training workshop conference keynote agenda minutes
  kubernetes docker postgres sqlite electron typescript javascript python rust golang parley
  café résumé naïve fiancée`
  .split(/\s+/)
  .filter(Boolean);

const CHINESE = `我们 你们 今天 明天 会议 发布 服务器 客户端 测试 部署 版本 更新 问题 修复 文档 项目 设计
  报告 预算 客户 合同 上线 计划 周末 假期 航班 酒店 停车 打印机 网络 密码 电脑 显示器 键盘 数据库 备份
  恢复 迁移 搜索 索引 缓存 延迟 吞吐量 性能 内存 存储 消息 会话 频道 回复 提醒 通知 桌面 手机 浏览器
  窗口 屏幕 安装 升级 配置 设置 功能 需求 提问 回答 上午 下午 晚上 周一 周二 周三 周四 周五 季度 年度
  招聘 面试 候选人 入职 培训 研讨会 大会 议程 纪要 午饭 咖啡 办公室 团队 同事 老板 经理 工程师 产品
  用户 体验 界面 按钮 颜色 字体 图片 文件 附件 链接 地址 电话 邮件 时间 地点 安排 确认 取消 推迟 提前
  完成 开始 结束 检查 审核 合并 分支 提交 工单 讨论 决定 建议 反馈 总结 分析 统计 增长 下降 目标 结果
  你好 世界 发布会 谢谢 好的 没问题 收到 辛苦 了 的 是 在 吗 吧 呢 很 也 都 就 还 要 会 能 可以 已经 马上`
  .split(/\s+/)
  .filter(Boolean);

const PUNCTUATION = ['.', '!', '?', '', '', ','];
const CJK_PUNCTUATION = ['。', '！', '？', '', '，'];
const EMOJI = ['', '', '', '', ' 👍', ' 🎉', ' 😀', ' 🚀'];

/** mulberry32: a small, fast, seedable generator. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Skewed towards the start of the list, as word use is: a few words are everywhere, most are rare. */
export function pick<T>(list: readonly T[], rnd: () => number): T {
  const r = rnd();
  return list[Math.floor(r * r * r * list.length)] as T;
}

const uniform = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)] as T;

function english(rnd: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(ENGLISH, rnd));
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + uniform(PUNCTUATION, rnd);
}

function chinese(rnd: () => number, words: number): string {
  let s = '';
  for (let i = 0; i < words; i++) s += pick(CHINESE, rnd);
  return s + uniform(CJK_PUNCTUATION, rnd);
}

/** One message text: about 45% English, 35% Chinese, 20% mixed, now and then an emoji. */
export function messageText(rnd: () => number): string {
  const kind = rnd();
  let text: string;
  if (kind < 0.45) text = english(rnd, 3 + Math.floor(rnd() * 14));
  else if (kind < 0.8) text = chinese(rnd, 2 + Math.floor(rnd() * 9));
  else
    text = `${chinese(rnd, 1 + Math.floor(rnd() * 4))} ${english(rnd, 1 + Math.floor(rnd() * 4))} ${chinese(rnd, 1 + Math.floor(rnd() * 4))}`;
  return text + uniform(EMOJI, rnd);
}

/**
 * Search queries of each kind, cut from freshly generated messages so they are things people
 * write: English words (at least 5 letters) and prefixes of them, two words of one sentence,
 * Chinese runs of 1, 2 and 4 characters, and an English word with a Chinese word.
 */
export function queries(rnd: () => number, perKind: number): { kind: string; query: string }[] {
  const out: { kind: string; query: string }[] = [];
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^a-zéï]+/)
      .filter(Boolean);
  const longWord = () => {
    const long = words(english(rnd, 12)).filter((w) => w.length >= 5);
    return long.length > 0 ? uniform(long, rnd) : 'meeting';
  };
  const run = (length: number) => {
    const chars = Array.from(chinese(rnd, 8)).slice(0, -1);
    const at = Math.floor(rnd() * Math.max(1, chars.length - length));
    return chars.slice(at, at + length).join('');
  };
  for (let i = 0; i < perKind; i++) {
    out.push({ kind: 'English word', query: longWord() });
    out.push({ kind: 'English prefix', query: longWord().slice(0, 2 + Math.floor(rnd() * 3)) });
    const sentence = words(english(rnd, 12));
    const at = Math.floor(rnd() * (sentence.length - 1));
    out.push({ kind: 'English two words', query: sentence.slice(at, at + 2).join(' ') });
    out.push({ kind: 'Chinese 1 char', query: run(1) });
    out.push({ kind: 'Chinese 2 chars', query: run(2) });
    out.push({ kind: 'Chinese 4 chars', query: run(4) });
    out.push({
      kind: 'Mixed',
      query: `${longWord()} ${uniform(
        CHINESE.filter((w) => w.length >= 2),
        rnd,
      )}`,
    });
  }
  return out;
}

export { ENGLISH, CHINESE };
