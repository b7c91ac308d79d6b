import type { Message } from '@parley/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { firstSeq } from '../../store/timeline-window.js';
import { errorText } from '../common/error-text.js';
import { Composer, type ComposerApi } from '../composer/Composer.js';
import { ConversationContext, type ConversationContextValue } from './context.js';
import { ConversationHeader } from './ConversationHeader.js';
import { MessageList, type MessageListApi, type StartAt } from './MessageList.js';
import { peopleOf } from './people-of.js';
import { TypingLine } from './TypingLine.js';
import './conversation.css';

const noReceipts: never[] = [];

/** An open conversation: header, the message list, who is typing, and the composer. */
export function ConversationView({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const summary = useStore((s) => s.conversations.find((c) => c.id === conversationId));
  const me = useStore((s) => s.me);
  const users = useStore((s) => s.users);
  const language = useStore((s) => s.language);
  const focusSeq = useStore((s) => s.focusSeq);
  const focusRequest = useStore((s) => s.focusRequest);
  const items = useStore((s) => s.timelines[conversationId]?.items);
  const receipts = useStore((s) => s.receipts[conversationId] ?? noReceipts);
  const openTimeline = useStore((s) => s.openTimeline);
  const loadReceipts = useStore((s) => s.loadReceipts);
  const ensureUsers = useStore((s) => s.ensureUsers);
  const openPanel = useStore((s) => s.openPanel);
  const openConversation = useStore((s) => s.openConversation);
  const addAttachments = useStore((s) => s.addAttachments);
  const [opened, setOpened] = useState<{ start: StartAt; unreadAfterSeq: number | null } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [highlightKey, setHighlightKey] = useState<string | null>(null);
  // Held in state (callback refs), so the context's callbacks can reach them without reading refs in render.
  const [list, setList] = useState<MessageListApi | null>(null);
  const [composer, setComposer] = useState<ComposerApi | null>(null);
  /** Where I had read up to when the conversation opened: the "New messages" divider stays there. */
  const divider = useRef<number | null | undefined>(undefined);
  const meId = me?.id ?? '';
  const ready = summary !== undefined && me !== null;

  // Open at the search hit, else at the first unread message, else at the bottom.
  useEffect(() => {
    if (!ready) return;
    let live = true;
    const generation = () => useStore.getState().timelines[conversationId]?.generation ?? 0;
    const open = async (): Promise<{ start: StartAt; unreadAfterSeq: number | null }> => {
      const current = useStore.getState().conversations.find((c) => c.id === conversationId);
      if (divider.current === undefined) {
        divider.current = current && current.unreadCount > 0 ? current.readSeq : null;
      }
      const unreadAfterSeq = divider.current;
      if (focusSeq !== null) {
        await openTimeline(conversationId, focusSeq);
        const start: StartAt = {
          generation: generation(),
          kind: 'seq',
          seq: focusSeq,
          align: 'center',
          highlight: true,
        };
        return { start, unreadAfterSeq };
      }
      await openTimeline(conversationId);
      if (unreadAfterSeq === null)
        return { start: { generation: generation(), kind: 'bottom' }, unreadAfterSeq };
      const firstUnread = () => {
        const t = useStore.getState().timelines[conversationId];
        const items = t?.items ?? [];
        const from = firstSeq(items);
        // The window must reach back to my read position, else the first unread is above it.
        if (!t || (t.hasOlder && (from === null || from > unreadAfterSeq + 1))) return null;
        const first = items.find(
          (i) => i.kind === 'message' && i.seq > unreadAfterSeq && i.message.senderId !== meId,
        );
        return first?.kind === 'message' ? first.seq : null;
      };
      let seq = firstUnread();
      if (seq === null) {
        await openTimeline(conversationId, unreadAfterSeq + 1);
        seq = firstUnread() ?? unreadAfterSeq + 1;
      }
      return {
        start: { generation: generation(), kind: 'seq', seq, align: 'start', highlight: false },
        unreadAfterSeq,
      };
    };
    open().then(
      (result) => {
        if (live) setOpened(result);
      },
      (err: unknown) => {
        if (live) setFailure(err ?? new Error('failed'));
      },
    );
    return () => {
      live = false;
    };
  }, [ready, conversationId, focusSeq, focusRequest, openTimeline, meId]);

  useEffect(() => {
    loadReceipts(conversationId).catch(() => undefined);
  }, [conversationId, loadReceipts]);

  // Names for everyone the loaded messages show or mention.
  useEffect(() => {
    if (items) void ensureUsers(peopleOf(items)).catch(() => undefined);
  }, [items, ensureUsers]);

  const ctx = useMemo((): ConversationContextValue | null => {
    if (!summary || !me) return null;
    return {
      conversationId,
      kind: summary.kind,
      title: summary.title,
      meId: me.id,
      locale: language,
      canSend: summary.dissolvedAt === null && summary.leftReason === null,
      receipts,
      highlightKey,
      nameOf: (id) => users[id]?.displayName ?? (id === me.id ? me.displayName : t('message.unknownUser')),
      reply: (message: Message) => composer?.startReply(message),
      edit: (message: Message) => composer?.startEdit(message),
      scrollToMessage: (message) => {
        // Outside the loaded window: open the window around it.
        if (!list?.scrollToMessage(message.id)) openConversation(conversationId, { seq: message.seq });
      },
      openProfile: (userId) => openPanel({ kind: 'profile', userId }),
    };
  }, [
    summary,
    me,
    conversationId,
    language,
    receipts,
    highlightKey,
    users,
    t,
    openPanel,
    openConversation,
    composer,
    list,
  ]);

  if (!summary || !me || !ctx) return <div className="conv" />;
  const otherId =
    summary.kind === 'direct' ? (summary.members.find((m) => m.userId !== me.id)?.userId ?? null) : null;
  const closed = summary.dissolvedAt !== null ? 'dissolved' : summary.leftReason;

  return (
    <ConversationContext.Provider value={ctx}>
      <section
        className="conv"
        aria-label={summary.title}
        onDragOver={(e) => {
          if (ctx.canSend && e.dataTransfer.types.includes('Files')) e.preventDefault();
        }}
        onDrop={(e) => {
          if (!ctx.canSend || e.dataTransfer.files.length === 0) return;
          e.preventDefault();
          addAttachments(conversationId, [...e.dataTransfer.files]);
        }}
      >
        <ConversationHeader summary={summary} otherId={otherId} />
        {failure !== null ? (
          <div className="conv-failure" role="alert">
            {t('list.loadFailed', { message: errorText(tc, failure) })}
          </div>
        ) : opened ? (
          <MessageList
            ref={setList}
            start={opened.start}
            unreadAfterSeq={opened.unreadAfterSeq}
            unreadCount={summary.unreadCount}
            onHighlight={setHighlightKey}
          />
        ) : (
          <div className="conv-list" />
        )}
        <TypingLine />
        {closed ? (
          <div className="conv-closed" role="status">
            {t(`composer.${closed}`)}
          </div>
        ) : (
          <Composer
            ref={setComposer}
            summary={summary}
            meId={me.id}
            nameOf={ctx.nameOf}
            onSent={() => list?.scrollToBottom()}
          />
        )}
      </section>
    </ConversationContext.Provider>
  );
}
