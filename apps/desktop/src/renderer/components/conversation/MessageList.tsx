import {
  forwardRef,
  type HTMLAttributes,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { type ListRange, Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { useStore } from '../../store/index.js';
import type { Timeline } from '../../store/messages.js';
import { Icon } from '../common/Icon.js';
import { useConversation } from './context.js';
import { Beginning } from './Beginning.js';
import { ScrollAnchor } from './scroll-anchor.js';
import { TimelineRowView } from './TimelineRowView.js';
import { itemSeq, type TimelineRow, timelineRows } from './timeline-rows.js';
import { useDocumentVisible, useNow } from './use-now.js';

/** Where a freshly loaded window starts: at the bottom, or at a message (search hit, first unread). */
export type StartAt =
  | { generation: number; kind: 'bottom' }
  | { generation: number; kind: 'seq'; seq: number; align: 'start' | 'center'; highlight: boolean };

export interface MessageListApi {
  /** Scrolls to a loaded message and flashes it; false when it is not loaded. */
  scrollToMessage: (messageId: string) => boolean;
  scrollToBottom: () => void;
}

interface ListContext {
  timeline: Timeline;
  label: string;
}

const highlightMs = 2000;
/** Jumping to the latest glides only this many rows; from further up it goes at once. */
const smoothJumpRows = 30;

/**
 * The virtualised message list. Only the rows on screen (and a margin) are in the DOM, whatever
 * the length of the conversation; older pages load at the top without moving what is on screen.
 */
export const MessageList = forwardRef<
  MessageListApi,
  {
    start: StartAt;
    unreadAfterSeq: number | null;
    unreadCount: number;
    onHighlight: (key: string | null) => void;
  }
>(function MessageList({ start, unreadAfterSeq, unreadCount, onHighlight }, ref) {
  const { t } = useTranslation('conversation');
  const { conversationId, meId } = useConversation();
  const timeline = useStore((s) => s.timelines[conversationId]);
  const loadOlder = useStore((s) => s.loadOlder);
  const loadNewer = useStore((s) => s.loadNewer);
  const openTimeline = useStore((s) => s.openTimeline);
  const setVisibleRange = useStore((s) => s.setVisibleRange);
  const markRead = useStore((s) => s.markConversationRead);
  const virtuoso = useRef<VirtuosoHandle>(null);
  /** Unknown (null) until the list reports where it is. */
  const [atBottom, setAtBottom] = useState<boolean | null>(null);
  const visible = useDocumentVisible();
  const now = useNow();
  const items = timeline?.items;
  const rows = useMemo(
    () => (items ? timelineRows(items, { meId, unreadAfterSeq }) : []),
    [items, meId, unreadAfterSeq],
  );
  const hasNewer = timeline?.hasNewer ?? false;

  // When the rows are about to change under a reader who is not at the bottom (where the list
  // follows the newest message instead), note what they are looking at while the DOM still shows
  // it. A store listener runs before React renders the change.
  const [anchor] = useState(() => new ScrollAnchor());
  const following = useRef<boolean | null>(null);
  /** Rows below the last one on screen. */
  const rowsBelow = useRef(0);
  useEffect(() => {
    const unsubscribe = useStore.subscribe((state, previous) => {
      const next = state.timelines[conversationId];
      const before = previous.timelines[conversationId];
      if (!next || !before || next.items === before.items) return;
      if (next.generation === before.generation && following.current !== true) anchor.hold();
    });
    return () => {
      unsubscribe();
      anchor.attach(null);
    };
  }, [anchor, conversationId]);

  const highlight = (key: string) => {
    onHighlight(key);
    setTimeout(() => onHighlight(null), highlightMs);
  };

  // A stable handle (the view keeps it in state), reaching the current rows through a ref.
  const latest = useRef({ rows, highlight });
  useLayoutEffect(() => {
    latest.current = { rows, highlight };
  });
  useImperativeHandle(
    ref,
    () => ({
      scrollToMessage: (messageId) => {
        const { rows: current, highlight: flash } = latest.current;
        const index = current.findIndex((r) => r.item.kind === 'message' && r.item.message.id === messageId);
        const row = current[index];
        if (!row) return false;
        virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: 'smooth' });
        flash(row.key);
        return true;
      },
      scrollToBottom: () => {
        virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' });
      },
    }),
    [],
  );

  // The first render of a window: flash the message it was opened at (a search hit).
  const flashed = useRef<number | null>(null);
  useEffect(() => {
    if (!timeline || start.kind !== 'seq' || !start.highlight) return;
    if (start.generation !== timeline.generation || flashed.current === timeline.generation) return;
    flashed.current = timeline.generation;
    const row = rows.find((r) => (itemSeq(r.item) ?? -1) >= start.seq);
    if (row) highlight(row.key);
  });

  // Read when the conversation is on screen with its newest message in view.
  useEffect(() => {
    if (atBottom === true && visible && unreadCount > 0 && !hasNewer) {
      markRead(conversationId).catch(() => undefined);
    }
  }, [atBottom, visible, unreadCount, hasNewer, conversationId, markRead]);

  useEffect(() => {
    if (atBottom === true && hasNewer) void loadNewer(conversationId);
  }, [atBottom, hasNewer, conversationId, loadNewer]);

  if (!timeline) return <div className="conv-list conv-list-loading" />;

  const initial =
    start.generation === timeline.generation && start.kind === 'seq'
      ? {
          index: Math.max(
            0,
            rows.findIndex((r) => (itemSeq(r.item) ?? Number.MAX_SAFE_INTEGER) >= start.seq),
          ),
          align: start.align,
        }
      : { index: Math.max(0, rows.length - 1), align: 'end' as const };

  const onRange = (range: ListRange) => {
    rowsBelow.current = timeline.firstItemIndex + rows.length - 1 - range.endIndex;
    const seqs = rows
      .slice(range.startIndex - timeline.firstItemIndex, range.endIndex - timeline.firstItemIndex + 1)
      .map((r) => itemSeq(r.item))
      .filter((s): s is number => s !== null);
    const from = seqs[0];
    const to = seqs.at(-1);
    if (from !== undefined && to !== undefined) setVisibleRange(conversationId, from, to);
  };

  const showJump = atBottom === false || hasNewer;
  return (
    <div className="conv-list">
      <Virtuoso<TimelineRow, ListContext>
        key={timeline.generation}
        ref={virtuoso}
        scrollerRef={anchor.attach}
        className="conv-scroller"
        data={rows}
        context={{ timeline, label: t('list.label') }}
        firstItemIndex={timeline.firstItemIndex}
        initialTopMostItemIndex={initial}
        computeItemKey={(_, row) => row.key}
        itemContent={(index, row) => (
          <TimelineRowView
            row={row}
            now={now}
            beginning={!timeline.hasOlder && index === timeline.firstItemIndex}
          />
        )}
        components={listComponents}
        startReached={() => void loadOlder(conversationId)}
        endReached={() => void loadNewer(conversationId)}
        followOutput={(bottom) => (bottom && !hasNewer ? 'smooth' : false)}
        atBottomStateChange={(bottom) => {
          following.current = bottom;
          setAtBottom(bottom);
        }}
        atBottomThreshold={64}
        rangeChanged={onRange}
        increaseViewportBy={{ top: 400, bottom: 200 }}
        alignToBottom
      />
      {showJump && (
        <button
          type="button"
          className="conv-jump"
          aria-label={t('list.jumpToLatest')}
          title={t('list.jumpToLatest')}
          onClick={() => {
            if (hasNewer) void openTimeline(conversationId);
            else
              virtuoso.current?.scrollToIndex({
                index: 'LAST',
                align: 'end',
                // A short way glides; a long one would scroll through every loaded row for seconds.
                behavior: rowsBelow.current > smoothJumpRows ? 'auto' : 'smooth',
              });
          }}
        >
          {unreadCount > 0 && (
            <span className="conv-jump-count">{t('list.newCount', { count: unreadCount })}</span>
          )}
          <Icon name="arrowDown" size={18} />
        </button>
      )}
    </div>
  );
});

const listComponents = {
  List: forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement> & { context?: ListContext }>(function List(
    { context, ...props },
    ref,
  ) {
    return <div {...props} ref={ref} role="list" aria-label={context?.label} data-message-list="" />;
  }),
  Item: ({
    children,
    context: _context,
    item: _item,
    ...props
  }: HTMLAttributes<HTMLDivElement> & {
    context?: ListContext;
    item?: TimelineRow;
  }) => (
    <div {...props} role="listitem">
      {children}
    </div>
  ),
  Header: ({ context }: { context?: ListContext }) => <ListEdge context={context} edge="top" />,
  Footer: ({ context }: { context?: ListContext }) => <ListEdge context={context} edge="bottom" />,
  EmptyPlaceholder: () => <Beginning empty />,
};

function ListEdge({ context, edge }: { context: ListContext | undefined; edge: 'top' | 'bottom' }) {
  const { t } = useTranslation('conversation');
  const loading = edge === 'top' ? context?.timeline.hasOlder : context?.timeline.hasNewer;
  return (
    <div className={`conv-edge-${edge}`}>
      {loading && <Spinner label={t(edge === 'top' ? 'list.loadingOlder' : 'list.loadingNewer')} />}
    </div>
  );
}

function Spinner({ label }: { label: string }) {
  return (
    <span className="conv-spinner" role="status">
      <span className="conv-spinner-ring" aria-hidden="true" />
      {label}
    </span>
  );
}
