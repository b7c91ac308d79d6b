import type { PublicUser, SearchResult } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import { call, parley } from '../api/parley.js';
import type { SliceCreator } from './types.js';

export interface SearchSlice {
  /** What is typed in the sidebar's search box; '' shows the conversation list. */
  searchQuery: string;
  /** The query the results below belong to. */
  searchedQuery: string;
  /** People the server found (online only); my contacts are matched locally. */
  searchServerUsers: PublicUser[];
  searchMessages: SearchResult[];
  searchHasMore: boolean;
  searchLoading: boolean;
  setSearchQuery: (query: string) => void;
  /** Searches for the current query (the box calls it once typing pauses). */
  runSearch: () => Promise<void>;
  moreSearchResults: () => Promise<void>;
  clearSearch: () => void;
}

const pageSize = 20;
/** Each search is numbered, so the answer to an older query never replaces a newer one. */
let searches = 0;

/** Longest query `search.messages` takes. */
const messageQueryMax = 200;

/** A query within a channel's limit (UTF-16 units), without cutting a character in two. */
export function clipQuery(query: string, max = messageQueryMax): string {
  const q = query.trim().slice(0, max).trimEnd();
  return /[\ud800-\udbff]$/.test(q) ? q.slice(0, -1) : q;
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get) => ({
  searchQuery: '',
  searchedQuery: '',
  searchServerUsers: [],
  searchMessages: [],
  searchHasMore: false,
  searchLoading: false,
  setSearchQuery: (searchQuery) => {
    set({ searchQuery });
  },
  runSearch: async () => {
    const query = clipQuery(get().searchQuery);
    const id = ++searches;
    if (query === '') {
      set({
        searchedQuery: '',
        searchServerUsers: [],
        searchMessages: [],
        searchHasMore: false,
        searchLoading: false,
      });
      return;
    }
    set({ searchLoading: true });
    if (!get().friendsLoaded)
      void get()
        .loadFriends()
        .catch(() => undefined);
    const online = get().connection === 'online';
    const [messages, users] = await Promise.all([
      call(parley().search.messages({ query, limit: pageSize })).catch(() => ({
        results: [],
        hasMore: false,
      })),
      // The server's directory needs the link; offline, contacts are still matched locally.
      online
        ? get()
            .searchPeople(clipQuery(query, Limits.searchQueryMax))
            .catch(() => [])
        : Promise.resolve([]),
    ]);
    if (id !== searches) return;
    set({
      searchedQuery: query,
      searchServerUsers: users,
      searchMessages: messages.results,
      searchHasMore: messages.hasMore,
      searchLoading: false,
    });
  },
  moreSearchResults: async () => {
    const { searchedQuery: query, searchMessages: shown, searchLoading } = get();
    if (query === '' || searchLoading) return;
    const id = searches;
    set({ searchLoading: true });
    try {
      const page = await call(parley().search.messages({ query, limit: pageSize, offset: shown.length }));
      if (id !== searches) return;
      const seen = new Set(shown.map((r) => r.messageId));
      set({
        searchMessages: [...shown, ...page.results.filter((r) => !seen.has(r.messageId))],
        searchHasMore: page.hasMore,
      });
    } finally {
      if (id === searches) set({ searchLoading: false });
    }
  },
  clearSearch: () => {
    searches++;
    set({
      searchQuery: '',
      searchedQuery: '',
      searchServerUsers: [],
      searchMessages: [],
      searchHasMore: false,
      searchLoading: false,
    });
  },
});
