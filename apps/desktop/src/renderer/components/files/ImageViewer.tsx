import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Icon, type IconName } from '../common/Icon.js';
import { fullTimeLabel } from '../conversation/day-label.js';
import { fileUrl } from './file-urls.js';
import { type ViewerImage, viewerImages, viewerPosition } from './viewer-nav.js';
import { useFileCommands } from './use-file-commands.js';
import { clampZoom, fitZoom, stepZoom, toggleZoom, wheelZoom } from './zoom.js';
import './viewer.css';

const noItems: never[] = [];

/**
 * Pictures full-window: the server's preview (the original on demand), zoom with the wheel, the
 * buttons or a double-click, the previous and next picture of the loaded conversation with the
 * arrows, Save as…, and Esc to close. Focus stays inside while it is open and comes back after.
 */
export function ImageViewer() {
  const viewer = useStore((s) => s.viewer);
  const items = useStore((s) => (viewer ? (s.timelines[viewer.conversationId]?.items ?? noItems) : noItems));
  const closeViewer = useStore((s) => s.closeViewer);
  const images = useMemo(() => viewerImages(items), [items]);
  const at = viewer ? viewerPosition(images, viewer.messageId) : null;
  // The picture went (recalled, deleted, the window moved on): so does the viewer.
  const gone = viewer !== null && at === null;
  useEffect(() => {
    if (gone) closeViewer();
  }, [gone, closeViewer]);
  if (!viewer) return null;
  const image = at ? images[at.index] : undefined;
  if (!at || !image) return null;
  return createPortal(
    <Viewer
      key={image.messageId}
      conversationId={viewer.conversationId}
      image={image}
      index={at.index}
      count={images.length}
      previous={at.previous}
      next={at.next}
    />,
    document.body,
  );
}

function Viewer({
  conversationId,
  image,
  index,
  count,
  previous,
  next,
}: {
  conversationId: string;
  image: ViewerImage;
  index: number;
  count: number;
  previous: ViewerImage | null;
  next: ViewerImage | null;
}) {
  const { t } = useTranslation('files');
  const openViewer = useStore((s) => s.openViewer);
  const closeViewer = useStore((s) => s.closeViewer);
  const senderName = useStore((s) => s.users[image.senderId]?.displayName ?? '');
  const locale = useStore((s) => s.language);
  const commands = useFileCommands({ conversationId, messageId: image.messageId }, image.file);
  const dialog = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [original, setOriginal] = useState(false);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [stageSize, setStageSize] = useState({ width: 0, height: 0 });
  /** null: fitted to the window (follows its size). */
  const [zoom, setZoom] = useState<number | null>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);

  // Sizes in the original's pixels, so 100 % means the picture as it was taken.
  const size =
    image.file.width && image.file.height
      ? { width: image.file.width, height: image.file.height }
      : (natural ?? { width: 0, height: 0 });
  const fit = fitZoom(size, stageSize);
  const scale = zoom ?? fit;

  useLayoutEffect(() => {
    const el = stage.current;
    if (!el) return;
    const measure = () => setStageSize({ width: el.clientWidth - 32, height: el.clientHeight - 32 });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Focus moves in, and back to where it was once the viewer closes.
  useEffect(() => {
    const before = document.activeElement;
    dialog.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  // The wheel zooms (a non-passive listener, so the stage does not scroll as well).
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      setZoom((z) => wheelZoom(z ?? fit, e.deltaY));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [fit]);

  const go = (to: ViewerImage | null) => {
    if (to) openViewer(conversationId, to.messageId);
  };
  // The viewer covers the window: its keys work wherever focus is, before the window's own.
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    keys.current = (e) => {
      const actions: Record<string, () => void> = {
        Escape: closeViewer,
        ArrowLeft: () => go(previous),
        ArrowRight: () => go(next),
        '+': () => setZoom(stepZoom(scale, 'in')),
        '=': () => setZoom(stepZoom(scale, 'in')),
        '-': () => setZoom(stepZoom(scale, 'out')),
        '0': () => setZoom(null),
      };
      const action = actions[e.key];
      if (!action || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      e.preventDefault();
      e.stopPropagation();
      action();
    };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const tool = (icon: IconName, label: string, run: () => void, disabled = false) => (
    <button
      type="button"
      className="viewer-tool"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={run}
    >
      <Icon name={icon} size={18} />
    </button>
  );

  const shownWidth = Math.max(1, Math.round(size.width * scale));
  const shownHeight = Math.max(1, Math.round(size.height * scale));
  return (
    <div
      ref={dialog}
      className="viewer"
      role="dialog"
      aria-modal="true"
      aria-label={t('viewer.label')}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Tab') keepFocusInside(e, dialog.current);
      }}
    >
      <header className="viewer-bar">
        <div className="viewer-caption">
          <span className="viewer-name" title={image.file.name}>
            {image.file.name}
          </span>
          <span className="viewer-from">
            {t('viewer.from', { name: senderName, time: fullTimeLabel(image.createdAt, locale) })}
          </span>
        </div>
        <span className="viewer-counter" aria-live="polite">
          {t('viewer.counter', { index: index + 1, count })}
        </span>
        <div className="viewer-tools" role="toolbar" aria-label={t('viewer.label')}>
          {tool('zoomOut', t('viewer.zoomOut'), () => setZoom(stepZoom(scale, 'out')))}
          <span
            className="viewer-zoom"
            aria-live="polite"
            aria-label={t('viewer.zoom', { percent: Math.round(scale * 100) })}
          >
            {Math.round(scale * 100)}%
          </span>
          {tool('zoomIn', t('viewer.zoomIn'), () => setZoom(stepZoom(scale, 'in')))}
          {tool('fit', t('viewer.fit'), () => setZoom(null), zoom === null)}
          <button
            type="button"
            className="viewer-text-tool"
            aria-pressed={original}
            disabled={original}
            onClick={() => {
              setOriginal(true);
              // The button is done with: focus stays in the viewer rather than falling to the page.
              dialog.current?.focus();
            }}
          >
            {original ? t('viewer.originalShown') : t('viewer.original')}
          </button>
          {tool('save', t('viewer.saveAs'), commands.saveAs)}
          <span className="viewer-divider" />
          {tool('close', t('viewer.close'), closeViewer)}
        </div>
      </header>
      <div
        ref={stage}
        className={`viewer-stage${scale > fit + 1e-6 ? ' viewer-stage-pan' : ''}`}
        onMouseDown={(e) => {
          if (e.target === e.currentTarget) closeViewer();
          else if (stage.current && e.button === 0) {
            drag.current = {
              x: e.clientX,
              y: e.clientY,
              left: stage.current.scrollLeft,
              top: stage.current.scrollTop,
            };
          }
        }}
        onMouseMove={(e) => {
          const d = drag.current;
          if (!d || !stage.current) return;
          stage.current.scrollLeft = d.left - (e.clientX - d.x);
          stage.current.scrollTop = d.top - (e.clientY - d.y);
        }}
        onMouseUp={() => (drag.current = null)}
        onMouseLeave={() => (drag.current = null)}
      >
        {size.width > 0 ? (
          <img
            className="viewer-image"
            src={fileUrl(image.file.id, original ? 'original' : 'preview')}
            alt={image.file.name}
            draggable={false}
            style={{ width: shownWidth, height: shownHeight }}
            onDoubleClick={() => setZoom(clampZoom(toggleZoom(scale, fit)))}
          />
        ) : (
          // Size unknown until the preview loads: show it fitted, then measure it.
          <img
            className="viewer-image viewer-image-measuring"
            src={fileUrl(image.file.id, 'preview')}
            alt={image.file.name}
            onLoad={(e) =>
              setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
            }
          />
        )}
      </div>
      {previous && (
        <button
          type="button"
          className="viewer-nav viewer-nav-previous"
          aria-label={t('viewer.previous')}
          title={t('viewer.previous')}
          onClick={() => go(previous)}
        >
          <Icon name="chevronLeft" size={28} />
        </button>
      )}
      {next && (
        <button
          type="button"
          className="viewer-nav viewer-nav-next"
          aria-label={t('viewer.next')}
          title={t('viewer.next')}
          onClick={() => go(next)}
        >
          <Icon name="chevronRight" size={28} />
        </button>
      )}
      {commands.confirm}
    </div>
  );
}

/** Tab and Shift+Tab go round the viewer's own buttons. */
function keepFocusInside(e: React.KeyboardEvent, root: HTMLElement | null): void {
  if (!root) return;
  const focusable = [...root.querySelectorAll<HTMLElement>('button:not(:disabled), [tabindex="0"]')];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
