import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';

export interface Anchor {
  x: number;
  y: number;
  /** Prefer opening above the point (menus at the bottom of the list, the composer's picker). */
  above?: boolean;
}

const margin = 8;

/**
 * A floating layer at a point of the window (a right-click, a button): kept inside the window,
 * closed by Esc or a click elsewhere. Rendered into <body> so the list's scrolling cannot clip it.
 */
export function Popover({
  anchor,
  onClose,
  children,
  className = '',
  label,
  role = 'dialog',
}: {
  anchor: Anchor;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  label: string;
  role?: 'dialog' | 'menu';
}) {
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const left = Math.max(margin, Math.min(anchor.x, window.innerWidth - width - margin));
    const wantTop = anchor.above ? anchor.y - height - 4 : anchor.y + 4;
    const top =
      wantTop + height > window.innerHeight - margin
        ? Math.max(margin, anchor.y - height - 4)
        : Math.max(margin, wantTop);
    // Placed once measured (through the CSSOM, which the Content-Security-Policy allows).
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
    el.style.visibility = 'visible';
  }, [anchor]);

  // Focus goes back where it was when the popover closes, unless an action moved it on purpose.
  useLayoutEffect(() => {
    const before = document.activeElement;
    const layer = ref.current;
    return () => {
      const now = document.activeElement;
      if (before instanceof HTMLElement && (now === null || now === document.body || layer?.contains(now))) {
        before.focus();
      }
    };
  }, []);

  useLayoutEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (!(e.target instanceof Element) || ref.current?.contains(e.target)) return;
      // The button that opened the popover closes it with its own click.
      if (e.target.closest('[data-popover-toggle]')) return;
      onClose();
    };
    const onResize = () => onClose();
    document.addEventListener('mousedown', onDown, true);
    window.addEventListener('resize', onResize);
    window.addEventListener('blur', onResize);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('resize', onResize);
      window.removeEventListener('blur', onResize);
    };
  }, [onClose]);

  return createPortal(
    <div
      ref={ref}
      className={`popover ${className}`}
      role={role}
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {children}
    </div>,
    document.body,
  );
}

/** The point under an element: where a popover for a button or a focused row opens. */
export function anchorOf(el: Element, above = false): Anchor {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: above ? r.top : r.bottom, above };
}
