import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';

/** How long typing must pause before the search runs. */
const debounceMs = 200;

export const searchResultsId = 'chats-search-results';
export const searchInputId = 'chats-search-input';

/** The options of the result list, in order (the search box moves into them with the arrows). */
export function resultOptions(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`#${searchResultsId} [role=option]`)];
}

/** The sidebar's search box: searches as the user types, Esc clears, ↓ goes into the results. */
export function SearchBox() {
  const { t } = useTranslation('chats');
  const input = useRef<HTMLInputElement>(null);
  const query = useStore((s) => s.searchQuery);
  const setQuery = useStore((s) => s.setSearchQuery);
  const runSearch = useStore((s) => s.runSearch);
  const clear = useStore((s) => s.clearSearch);

  useEffect(() => {
    if (query.trim() === '') return;
    const timer = setTimeout(() => void runSearch(), debounceMs);
    return () => clearTimeout(timer);
  }, [query, runSearch]);

  return (
    <div className="chats-search search-field">
      <Icon name="search" size={16} />
      <input
        ref={input}
        id={searchInputId}
        type="text"
        className="search-field-input"
        role="combobox"
        aria-expanded={query.trim() !== ''}
        aria-controls={searchResultsId}
        aria-autocomplete="list"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={query}
        spellCheck={false}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            if (query === '') e.currentTarget.blur();
            clear();
          } else if (e.key === 'ArrowDown') {
            resultOptions()[0]?.focus();
          } else if (e.key === 'Enter') {
            resultOptions()[0]?.click();
          } else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      {query !== '' && (
        <button
          type="button"
          className="chats-search-clear"
          aria-label={t('search.clear')}
          title={t('search.clear')}
          onClick={() => {
            clear();
            input.current?.focus();
          }}
        >
          <Icon name="close" size={14} />
        </button>
      )}
    </div>
  );
}
