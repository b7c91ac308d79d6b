import type { PublicUser, SearchResult } from '@parley/shared';
import { type KeyboardEvent, type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { clipQuery } from '../../store/search.js';
import { Avatar } from '../common/Avatar.js';
import { errorText } from '../common/error-text.js';
import { HighlightedText } from './HighlightedText.js';
import { listTime } from './list-time.js';
import { oneLine } from './preview.js';
import { resultOptions, searchInputId, searchResultsId } from './SearchBox.js';
import { groupsSection, knownContacts, peopleSection } from './search-sections.js';
import { snippetParts } from './snippet.js';
import { useNow } from './use-now.js';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div role="group" aria-labelledby={id} className="search-section">
      <h3 id={id} className="search-section-title">
        {title}
      </h3>
      {children}
    </div>
  );
}

function Option({
  onPick,
  children,
  className = '',
}: {
  onPick: () => void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      role="option"
      aria-selected={false}
      tabIndex={-1}
      className={`search-option ${className}`}
      onClick={onPick}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onPick();
        }
      }}
    >
      {children}
    </div>
  );
}

/** Opens the direct chat with someone, creating it when we have none yet. */
async function openPerson(user: PublicUser, contact: boolean): Promise<void> {
  const s = useStore.getState();
  const existing = s.conversations.find(
    (c) => c.kind === 'direct' && c.members.some((m) => m.userId === user.id),
  );
  if (existing) {
    s.openConversation(existing.id);
    return;
  }
  if (!contact) {
    // Someone I do not know yet: their profile, where a friend request can be sent.
    s.openPanel({ kind: 'profile', userId: user.id });
    return;
  }
  const { conversationId } = await call(parley().conversations.openDirect({ userId: user.id }));
  await s.loadConversations();
  s.openConversation(conversationId);
}

/** The search's answer: people, groups and messages, in sections; arrows move, Enter picks. */
export function SearchResults() {
  const { t } = useTranslation('chats');
  const { t: tc } = useTranslation();
  const query = useStore((s) => s.searchQuery);
  const searched = useStore((s) => s.searchedQuery);
  const serverUsers = useStore((s) => s.searchServerUsers);
  const messages = useStore((s) => s.searchMessages);
  const hasMore = useStore((s) => s.searchHasMore);
  const loading = useStore((s) => s.searchLoading);
  const more = useStore((s) => s.moreSearchResults);
  const clear = useStore((s) => s.clearSearch);
  const conversations = useStore((s) => s.conversations);
  const friends = useStore((s) => s.friends);
  const users = useStore((s) => s.users);
  const me = useStore((s) => s.me?.id ?? null);
  const online = useStore((s) => s.connection === 'online');
  const language = useStore((s) => s.language);
  const openConversation = useStore((s) => s.openConversation);
  const toast = useStore((s) => s.toast);
  const now = useNow();

  const contacts = useMemo(
    () =>
      knownContacts(
        friends.map((f) => f.user),
        conversations,
        users,
        me,
      ),
    [friends, conversations, users, me],
  );
  const current = searched !== '' && searched === clipQuery(query);
  const people = peopleSection(query, contacts, current ? serverUsers : [], me);
  const groups = groupsSection(query, conversations);
  const byId = useMemo(() => new Map(conversations.map((c) => [c.id, c])), [conversations]);
  const shownMessages: SearchResult[] = current ? messages : [];
  const nothing = people.length === 0 && groups.length === 0 && shownMessages.length === 0;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = resultOptions();
    const at = all.findIndex((el) => el === document.activeElement);
    const input = document.getElementById(searchInputId);
    if (e.key === 'ArrowDown') all[Math.min(all.length - 1, at + 1)]?.focus();
    else if (e.key === 'ArrowUp') (at <= 0 ? input : all[at - 1])?.focus();
    else if (e.key === 'Escape') {
      clear();
      input?.focus();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  /** Opens what was picked; people and groups end the search, messages keep it for the next hit. */
  const pick = (action: () => Promise<void> | void, end: boolean) => {
    Promise.resolve(action()).then(
      () => {
        if (end) clear();
      },
      (err: unknown) => toast(t('search.openFailed', { reason: errorText(tc, err) }), 'error'),
    );
  };

  return (
    <div
      id={searchResultsId}
      className="search-results"
      role="listbox"
      aria-label={t('search.results')}
      aria-busy={loading}
      onKeyDown={onKeyDown}
    >
      {!online && <p className="search-note">{t('search.offline')}</p>}
      {people.length > 0 && (
        <Section id="search-people" title={t('search.people')}>
          {people.map(({ user, contact }) => (
            <Option key={user.id} onPick={() => pick(() => openPerson(user, contact), true)}>
              <Avatar id={user.id} name={user.displayName} size={32} />
              <span className="search-option-text">
                <span className="search-option-title">{user.displayName}</span>
                <span className="search-option-sub">
                  @{user.username}
                  {!contact && ` · ${t('search.notContact')}`}
                </span>
              </span>
            </Option>
          ))}
        </Section>
      )}
      {groups.length > 0 && (
        <Section id="search-groups" title={t('search.groups')}>
          {groups.map((c) => (
            <Option key={c.id} onPick={() => pick(() => openConversation(c.id), true)}>
              <Avatar id={c.id} name={c.title} size={32} group fileId={c.avatarFileId} />
              <span className="search-option-text">
                <span className="search-option-title">{c.title}</span>
                <span className="search-option-sub">{t('search.members', { count: c.members.length })}</span>
              </span>
            </Option>
          ))}
        </Section>
      )}
      {shownMessages.length > 0 && (
        <Section id="search-messages" title={t('search.messages')}>
          {shownMessages.map((r) => {
            const c = byId.get(r.conversationId);
            const other = c?.kind === 'direct' ? c.members.find((m) => m.userId !== me)?.userId : undefined;
            // In a direct chat the title already names the other person; only my own lines say who.
            const sender = c?.kind === 'direct' && r.senderId !== me ? '' : oneLine(r.senderName);
            return (
              <Option
                key={r.messageId}
                className="search-message"
                onPick={() => pick(() => openConversation(r.conversationId, { seq: r.seq }), false)}
              >
                <Avatar
                  id={other ?? r.conversationId}
                  name={r.conversationTitle}
                  size={32}
                  group={c?.kind === 'group'}
                  fileId={c?.kind === 'group' ? c.avatarFileId : undefined}
                />
                <span className="search-option-text">
                  <span className="search-option-line">
                    <span className="search-option-title">{r.conversationTitle}</span>
                    <time className="search-option-time" dateTime={new Date(r.createdAt).toISOString()}>
                      {listTime(r.createdAt, now, language, { yesterday: tc('time.yesterday') })}
                    </time>
                  </span>
                  <span className="search-option-sub search-snippet">
                    {sender !== '' && t('preview.sender', { name: sender })}
                    <HighlightedText parts={snippetParts(r.text, r.highlights)} />
                  </span>
                </span>
              </Option>
            );
          })}
          {hasMore && (
            <Option className="search-more" onPick={() => void more()}>
              {loading ? t('search.searching') : t('search.more')}
            </Option>
          )}
        </Section>
      )}
      {nothing && (
        <p className="search-status" role="status">
          {loading || !current ? t('search.searching') : t('search.noResults', { query: query.trim() })}
        </p>
      )}
    </div>
  );
}
