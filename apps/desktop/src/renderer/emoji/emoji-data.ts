import type { UiLanguage } from '../i18n/index.js';
import { type CompactEmoji, type EmojiEntry, toEntries } from './emoji-search.js';

const loaded = new Map<UiLanguage, Promise<EmojiEntry[]>>();

/**
 * The emoji names and keywords in the UI language. Each language's data ships in its own chunk,
 * loaded the first time the picker opens, so it is not in the app's first chunk.
 */
export function loadEmoji(language: UiLanguage): Promise<EmojiEntry[]> {
  let pending = loaded.get(language);
  if (!pending) {
    const data: Promise<{ default: readonly CompactEmoji[] }> =
      language === 'zh-CN'
        ? import('emojibase-data/zh/compact.json')
        : import('emojibase-data/en/compact.json');
    pending = data.then((m) => toEntries(m.default));
    pending.catch(() => loaded.delete(language));
    loaded.set(language, pending);
  }
  return pending;
}
