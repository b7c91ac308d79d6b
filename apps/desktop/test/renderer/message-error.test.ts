import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { IpcError } from '../../src/renderer/api/parley.js';
import { messageErrorText } from '../../src/renderer/components/message/message-error.js';
import { en } from '../../src/renderer/i18n/locales/en/index.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN/index.js';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { en, 'zh-CN': zhCN }, interpolation: { escapeValue: false } });
});

const fileCodes = [
  'FILE_TOO_LARGE',
  'QUOTA_EXCEEDED',
  'UPLOAD_EXPIRED',
  'UPLOAD_INCOMPLETE',
  'CHECKSUM_MISMATCH',
  'UNSUPPORTED_IMAGE',
  'IMAGE_TOO_LARGE',
  'FILE_KIND_MISMATCH',
  'FILE_NOT_FOUND',
  'FILE_NOT_READY',
  'IO',
] as const;

const text = (language: 'en' | 'zh-CN', code: (typeof fileCodes)[number] | 'INTERNAL') =>
  messageErrorText(
    i18n.getFixedT(language, 'conversation'),
    i18n.getFixedT(language, 'common'),
    new IpcError({ code, message: `server says ${code}` }),
  );

describe('why a file message was not sent', () => {
  it('has a sentence of its own for every refusal of a file, in both languages', () => {
    for (const code of fileCodes) {
      for (const language of ['en', 'zh-CN'] as const) {
        const sentence = text(language, code);
        expect(sentence, `${language} ${code}`).not.toContain('server says');
        expect(sentence, `${language} ${code}`).toBe(
          i18n.getFixedT(language, 'conversation')(`errors.${code}`),
        );
      }
    }
    expect(text('en', 'QUOTA_EXCEEDED')).toBe('Your storage on the server is full.');
    expect(text('zh-CN', 'IO')).toBe('无法读取或写入该文件：它可能已被移动、修改或删除。');
  });

  it('falls back to the server’s words for codes people do not meet', () => {
    expect(text('en', 'INTERNAL')).toBe('Something went wrong: server says INTERNAL');
  });
});
