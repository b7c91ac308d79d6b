import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon.js';
import { type Anchor, Popover } from './Popover.js';
import { quickReactions } from './quick-reactions.js';
import type { MessageAction } from './use-message-actions.js';

/**
 * The right-click (or keyboard) menu of a message: quick reactions, then the actions. Arrow keys
 * move between items; Esc closes and focus goes back to the message.
 */
export function MessageMenu({
  anchor,
  actions,
  onReact,
  onMoreReactions,
  onClose,
}: {
  anchor: Anchor;
  actions: readonly MessageAction[];
  onReact: ((emoji: string) => void) | null;
  onMoreReactions: (() => void) | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('conversation');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, []);
  const choose = (run: () => void) => () => {
    onClose();
    run();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.findIndex((el) => el === document.activeElement);
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (step !== undefined) {
      e.preventDefault();
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      onClose();
    }
  };
  return (
    <Popover anchor={anchor} onClose={onClose} label={t('actions.menu')} role="menu" className="msg-menu">
      <div ref={ref} onKeyDown={onKeyDown}>
        {onReact && (
          <div className="msg-menu-reactions" role="group" aria-label={t('actions.react')}>
            {quickReactions.map((emoji) => (
              <button
                key={emoji}
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="msg-menu-emoji"
                aria-label={t('actions.reactWith', { emoji })}
                onClick={choose(() => onReact(emoji))}
              >
                {emoji}
              </button>
            ))}
            {onMoreReactions && (
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="msg-menu-emoji msg-menu-more"
                aria-label={t('actions.moreReactions')}
                title={t('actions.moreReactions')}
                onClick={choose(onMoreReactions)}
              >
                <Icon name="plus" size={16} />
              </button>
            )}
          </div>
        )}
        {actions.map((a) => (
          <button
            key={a.key}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={`msg-menu-item${a.danger ? ' msg-menu-danger' : ''}`}
            onClick={choose(a.run)}
          >
            <Icon name={a.icon} size={16} />
            {a.label}
          </button>
        ))}
      </div>
    </Popover>
  );
}
