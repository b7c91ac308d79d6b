import { useTranslation } from 'react-i18next';
import { knownMessage } from '../../store/messages.js';
import { useConversation } from '../conversation/context.js';

/** The message this one replies to, above its text; a click scrolls to it. */
export function ReplyQuote({ messageId }: { messageId: string }) {
  const { t } = useTranslation('conversation');
  const { nameOf, scrollToMessage } = useConversation();
  const original = knownMessage(messageId);
  const text = !original
    ? t('message.quoteMissing')
    : original.recalledAt !== null || !original.content
      ? t('message.quoteRecalled')
      : original.content.text;
  const name = original ? nameOf(original.senderId) : null;
  return (
    <button
      type="button"
      className="msg-quote"
      disabled={!original}
      aria-label={name ? `${t('message.replyTo', { name })}: ${text}` : text}
      onClick={() => scrollToMessage(messageId)}
    >
      {name && <span className="msg-quote-name">{name}</span>}
      <span className="msg-quote-text">{text}</span>
    </button>
  );
}
