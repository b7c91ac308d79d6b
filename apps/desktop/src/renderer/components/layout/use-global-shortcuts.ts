import { useEffect } from 'react';
import { useStore } from '../../store/index.js';

/** Ctrl/Cmd+K opens the quick switcher; Esc closes the topmost panel. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useStore.getState();
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        s.setQuickSwitcherOpen(!s.quickSwitcherOpen);
      } else if (e.key === 'Escape' && !e.defaultPrevented) {
        if (s.quickSwitcherOpen) s.setQuickSwitcherOpen(false);
        else if (s.panel) s.closePanel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
