import type { Message } from '@parley/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findMessage, knownMessage } from '../../store/messages.js';
import { useConversation } from '../conversation/context.js';
import { contentLine } from '../files/file-tag.js';

/**
 * The message replied to: from the pages seen, else from the desktop cache (it usually has
 * messages far above the loaded window). Undefined while it is being looked up; null when the
 * cache does not have it either.
 */
function useQuoted(conversationId: string, messageId: string): Message | null | undefined {
  const seen = knownMessage(messageId);
  const [found, setFound] = useState<{ id: string; message: Message | null } | null>(null);
  useEffect(() => {
    if (seen) return;
    let live = true;
    const settle = (message: Message | null) => {
      if (live) setFound({ id: messageId, message });
    };
    findMessage(conversationId, messageId).then(settle, () => settle(null));
    return () => {
      live = false;
    };
  }, [conversationId, messageId, seen]);
  return seen ?? (found?.id === messageId ? found.message : undefined);
}

/** The message this one replies to, above its text; a click scrolls to it, wherever it is. */
export function ReplyQuote({ messageId }: { messageId: string }) {
  const { t } = useTranslation('conversation');
  const { t: tf } = useTranslation('files');
  const { conversationId, nameOf, scrollToMessage } = useConversation();
  const original = useQuoted(conversationId, messageId);
  const text =
    original === undefined
      ? '…'
      : original === null
        ? t('message.quoteMissing')
        : original.recalledAt !== null || !original.content
          ? t('message.quoteRecalled')
          : contentLine(tf, original.content);
  const name = original ? nameOf(original.senderId) : null;
  return (
    <button
      type="button"
      className="msg-quote"
      disabled={!original}
      aria-label={name ? `${t('message.replyTo', { name })}: ${text}` : text}
      onClick={() => {
        if (original) scrollToMessage(original);
      }}
    >
      {name && <span className="msg-quote-name">{name}</span>}
      <span className="msg-quote-text">{text}</span>
    </button>
  );
}
