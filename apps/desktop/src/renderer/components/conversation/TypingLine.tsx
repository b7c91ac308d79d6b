import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { useConversation } from './context.js';

const none: Record<string, number> = {};

/** "Alice is typing…", "Alice and Bob are typing…", or "Several people are typing…". */
export function TypingLine() {
  const { t } = useTranslation('conversation');
  const { conversationId, nameOf } = useConversation();
  const typing = useStore((s) => s.typing[conversationId] ?? none);
  const names = Object.keys(typing).map(nameOf);
  const [first, second] = names;
  const text =
    first === undefined
      ? ''
      : second === undefined
        ? t('typing.one', { name: first })
        : names.length === 2
          ? t('typing.two', { first, second })
          : t('typing.many');
  return (
    <div className="conv-typing" aria-live="polite">
      {text && (
        <>
          <span className="conv-typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {text}
        </>
      )}
    </div>
  );
}
