import type { Message } from '@parley/shared';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { messageErrorText } from './message-error.js';
import { useConversation } from '../conversation/context.js';

/** The reactions under a message: emoji and count; mine highlighted; a click adds or takes back mine. */
export function ReactionChips({ message }: { message: Message }) {
  const { t } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const { meId, nameOf, canSend, conversationId, locale } = useConversation();
  const toggle = useStore((s) => s.toggleReaction);
  const toast = useStore((s) => s.toast);
  if (message.reactions.length === 0) return null;
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  return (
    <div className="msg-reactions">
      {message.reactions.map((r) => {
        const mine = r.userIds.some((id) => id === meId);
        const names = list.format(r.userIds.map((id) => (id === meId ? tc('you') : nameOf(id))));
        return (
          <button
            key={r.emoji}
            type="button"
            className={`msg-reaction${mine ? ' msg-reaction-mine' : ''}`}
            aria-pressed={mine}
            disabled={!canSend}
            title={t('message.reaction', { emoji: r.emoji, names })}
            aria-label={t('message.reactionAria', { emoji: r.emoji, count: r.userIds.length, names })}
            onClick={() => {
              toggle(conversationId, message.id, r.emoji, !mine).catch((err: unknown) =>
                toast(messageErrorText(t, tc, err), 'error'),
              );
            }}
          >
            <span className="msg-reaction-emoji">{r.emoji}</span>
            <span className="msg-reaction-count">{r.userIds.length}</span>
          </button>
        );
      })}
    </div>
  );
}
