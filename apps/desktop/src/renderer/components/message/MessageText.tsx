import { call, parley } from '../../api/parley.js';
import { emojiRuns } from './emoji-only.js';
import { type MentionName, type TextPart, textParts } from './text-parts.js';

function openLink(href: string): void {
  void call(parley().app.openExternal({ url: href })).catch(() => undefined);
}

/** A message's text as plain text nodes, clickable links and highlighted @mentions. */
export function MessageText({
  text,
  mentions,
  mentionsAll,
  meId,
  onMentionClick,
}: {
  text: string;
  mentions: readonly MentionName[];
  mentionsAll: boolean;
  meId: string;
  onMentionClick?: (userId: string) => void;
}) {
  const parts = textParts(text, { mentions, mentionsAll, meId });
  return <>{parts.map((p, i) => renderPart(p, i, onMentionClick))}</>;
}

function renderPart(p: TextPart, key: number, onMentionClick?: (userId: string) => void) {
  switch (p.kind) {
    case 'text':
      return (
        <span key={key}>
          {emojiRuns(p.text).map((run, i) =>
            run.emoji ? (
              <span key={i} className="msg-emoji-run">
                {run.text}
              </span>
            ) : (
              run.text
            ),
          )}
        </span>
      );
    case 'link':
      return (
        <a
          key={key}
          className="msg-link"
          href={p.href}
          title={p.href}
          onClick={(e) => {
            e.preventDefault();
            openLink(p.href);
          }}
        >
          {p.text}
        </a>
      );
    case 'mention': {
      const userId = p.userId;
      const className = `msg-mention${p.me ? ' msg-mention-me' : ''}`;
      if (userId === null || !onMentionClick) {
        return (
          <span key={key} className={className}>
            {p.text}
          </span>
        );
      }
      return (
        <button key={key} type="button" className={className} onClick={() => onMentionClick(userId)}>
          {p.text}
        </button>
      );
    }
  }
}
