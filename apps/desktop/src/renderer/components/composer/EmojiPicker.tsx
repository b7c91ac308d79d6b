import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadEmoji } from '../../emoji/emoji-data.js';
import { type EmojiEntry, emojiCategories, searchEmoji } from '../../emoji/emoji-search.js';
import { loadRecentEmoji, rememberEmoji } from '../../emoji/recent-emoji.js';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import './emoji-picker.css';

const columns = 8;

interface Section {
  key: string;
  title: string;
  emoji: { emoji: string; label: string }[];
}

/**
 * Every emoji, by category, with search in the UI language and the recently used first. The data
 * loads the first time a picker opens. Arrow keys move through the grid; Enter picks.
 */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const { t } = useTranslation('conversation');
  const language = useStore((s) => s.language);
  const [entries, setEntries] = useState<EmojiEntry[] | null>(null);
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState(loadRecentEmoji);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void loadEmoji(language).then((e) => {
      if (live) setEntries(e);
    });
    return () => {
      live = false;
    };
  }, [language]);

  const labels = useMemo(() => new Map(entries?.map((e) => [e.emoji, e.label])), [entries]);

  const sections = useMemo((): Section[] => {
    if (!entries) return [];
    if (query.trim() !== '') {
      return [
        {
          key: 'results',
          title: t('emoji.search'),
          emoji: searchEmoji(entries, query).map((e) => ({ emoji: e.emoji, label: e.label })),
        },
      ];
    }
    const byGroup = emojiCategories.map((c) => ({
      key: c.key,
      title: t(`emoji.categories.${c.key}`),
      emoji: entries.filter((e) => e.group === c.group).map((e) => ({ emoji: e.emoji, label: e.label })),
    }));
    const recentSection =
      recent.length > 0
        ? [
            {
              key: 'recent',
              title: t('emoji.recent'),
              emoji: recent.map((e) => ({ emoji: e, label: labels.get(e) ?? e })),
            },
          ]
        : [];
    return [...recentSection, ...byGroup];
  }, [entries, query, recent, labels, t]);

  const pick = (emoji: string) => {
    setRecent(rememberEmoji(emoji));
    onPick(emoji);
  };

  const cells = () => [...(gridRef.current?.querySelectorAll<HTMLButtonElement>('.emoji-cell') ?? [])];

  const onGridKey = (e: React.KeyboardEvent) => {
    const all = cells();
    const at = all.findIndex((b) => b === document.activeElement);
    if (at === -1) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = at + step;
    if (next < 0) {
      gridRef.current?.closest('.emoji-picker')?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    all[Math.min(next, all.length - 1)]?.focus();
  };

  const results = sections[0]?.key === 'results' ? sections[0].emoji : null;

  return (
    <div className="emoji-picker">
      <input
        className="input emoji-search"
        type="search"
        placeholder={t('emoji.search')}
        aria-label={t('emoji.search')}
        value={query}
        // The picker opens to type into: focus goes to its search field.
        autoFocus
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            cells()[0]?.focus();
          } else if (e.key === 'Enter' && results?.[0]) {
            e.preventDefault();
            pick(results[0].emoji);
          }
        }}
      />
      {query.trim() === '' && entries && (
        <div className="emoji-tabs" role="group" aria-label={t('emoji.picker')}>
          {sections.map((s) => (
            <button
              key={s.key}
              type="button"
              className="emoji-tab"
              title={s.title}
              aria-label={s.title}
              onClick={() =>
                gridRef.current
                  ?.querySelector(`[data-section="${s.key}"]`)
                  ?.scrollIntoView({ block: 'start' })
              }
            >
              {s.key === 'recent' ? <Icon name="clock" size={18} /> : s.emoji[0]?.emoji}
            </button>
          ))}
        </div>
      )}
      <div className="emoji-grid" ref={gridRef} onKeyDown={onGridKey}>
        {!entries && <p className="emoji-empty">{t('emoji.loading')}</p>}
        {results?.length === 0 && (
          <p className="emoji-empty">{t('emoji.noResults', { query: query.trim() })}</p>
        )}
        {sections.map((s) => (
          <section key={s.key} data-section={s.key} aria-label={s.title}>
            {s.key !== 'results' && <h3 className="emoji-section-title section-title">{s.title}</h3>}
            <div className="emoji-cells">
              {s.emoji.map((e) => (
                <button
                  key={e.emoji}
                  type="button"
                  className="emoji-cell"
                  title={e.label}
                  aria-label={e.label}
                  onClick={() => pick(e.emoji)}
                >
                  {e.emoji}
                </button>
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
