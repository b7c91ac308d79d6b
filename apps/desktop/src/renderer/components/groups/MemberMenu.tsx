import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon.js';
import type { MemberAction } from './member-actions.js';
import './groups.css';

/**
 * The "⋯" button of a member row and its menu of the actions my role allows. Arrow keys move,
 * Enter runs, Esc closes and gives focus back to the button.
 */
export function MemberMenu({
  name,
  actions,
  onAction,
}: {
  name: string;
  actions: readonly MemberAction[];
  onAction: (action: MemberAction) => void;
}) {
  const { t } = useTranslation('people');
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (
        e.target instanceof Node &&
        !menu.current?.contains(e.target) &&
        !button.current?.contains(e.target)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="group-menu-anchor">
      <button
        ref={button}
        type="button"
        className="icon-btn group-member-more"
        aria-label={t('groups.memberMenu', { name })}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Icon name="more" size={18} />
      </button>
      {open && (
        <div
          ref={menu}
          className="group-menu menu"
          role="menu"
          aria-label={t('groups.memberMenu', { name })}
          onKeyDown={(e) => {
            const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
            const at = items.findIndex((i) => i === document.activeElement);
            if (e.key === 'Escape' || e.key === 'Tab') {
              e.preventDefault();
              e.stopPropagation();
              close();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              items[(at + step + items.length) % items.length]?.focus();
            } else if (e.key === 'Home' || e.key === 'End') {
              e.preventDefault();
              (e.key === 'Home' ? items[0] : items.at(-1))?.focus();
            }
          }}
        >
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={action === 'remove' ? 'menu-item group-menu-item-danger' : 'menu-item'}
              onClick={() => {
                close();
                onAction(action);
              }}
            >
              {t(`groups.actions.${action}`)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
