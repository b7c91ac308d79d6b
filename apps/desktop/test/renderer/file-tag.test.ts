import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentLine, fileTagOf, fileTagText } from '../../src/renderer/components/files/file-tag.js';
import { en } from '../../src/renderer/i18n/locales/en/index.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN/index.js';
import { fileContent, pendingFile } from './chats-fixtures.js';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { en, 'zh-CN': zhCN }, interpolation: { escapeValue: false } });
});
const tf = (language: 'en' | 'zh-CN') => i18n.getFixedT(language, 'files');

describe('file tags (chat list, reply quotes, the composer)', () => {
  it('read as the chat apps people know, in English and Chinese', () => {
    const lines = (language: 'en' | 'zh-CN') =>
      (['image', 'file', 'voice', 'video'] as const).map((kind) =>
        fileTagText(tf(language), fileTagOf(fileContent(kind, { name: '季度报告.pdf' }) as never)),
      );
    expect(lines('en')).toEqual(['[Image]', '[File] 季度报告.pdf', '[Voice] 0:12', '[Video]']);
    expect(lines('zh-CN')).toEqual(['[图片]', '[文件] 季度报告.pdf', '[语音] 0:12', '[视频]']);
  });

  it('take the name and duration of a message still being sent', () => {
    expect(fileTagOf(pendingFile('file', 'a.zip', 0).content as never)).toEqual({
      kind: 'file',
      name: 'a.zip',
    });
    expect(fileTagOf(pendingFile('voice', 'v.webm', 0, { durationMs: 65_000 }).content as never)).toEqual({
      kind: 'voice',
      durationMs: 65_000,
    });
    // A voice entry without a duration yet reads 0:00 rather than failing.
    expect(fileTagText(tf('en'), fileTagOf(pendingFile('voice', 'v.webm', 0).content as never))).toBe(
      '[Voice] 0:00',
    );
  });

  it('leave text as it is', () => {
    expect(contentLine(tf('en'), { kind: 'text', text: 'hello' })).toBe('hello');
    expect(contentLine(tf('zh-CN'), fileContent('image') as never)).toBe('[图片]');
  });
});
