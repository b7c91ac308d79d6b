import { useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import './menu.css';

export interface MenuItem {
  label: string;
  onSelect: () => void;
}

const margin = 8;

/**
 * A small menu at a point of the window (a right-click, under a button): arrow keys move, Enter
 * picks, Esc, Tab or a click elsewhere closes and focus goes back to where it was.
 */
export function Menu({
  x,
  y,
  label,
  items,
  onClose,
}: {
  x: number;
  y: number;
  label: string;
  items: readonly MenuItem[];
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    // Placed once measured, through the CSSOM (the Content-Security-Policy refuses style="").
    el.style.left = `${Math.max(margin, Math.min(x, window.innerWidth - width - margin))}px`;
    el.style.top = `${Math.max(margin, y + height > window.innerHeight - margin ? y - height : y)}px`;
    el.style.visibility = 'visible';
    const before = document.activeElement;
    el.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [x, y]);

  useLayoutEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) onClose();
    };
    document.addEventListener('mousedown', onDown, true);
    window.addEventListener('blur', onClose);
    window.addEventListener('resize', onClose);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('blur', onClose);
      window.removeEventListener('resize', onClose);
    };
  }, [onClose]);

  const move = (step: number) => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = all.findIndex((el) => el === document.activeElement);
    all[(at + step + all.length) % all.length]?.focus();
  };

  return createPortal(
    <div
      ref={ref}
      className="chats-menu menu"
      role="menu"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') move(1);
        else if (e.key === 'ArrowUp') move(-1);
        else if (e.key === 'Escape' || e.key === 'Tab') onClose();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="menu-item"
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}
