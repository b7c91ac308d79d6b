import type { TimelineItem } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import { viewerImages, viewerPosition } from '../../src/renderer/components/files/viewer-nav.js';
import {
  fitZoom,
  stepZoom,
  toggleZoom,
  wheelZoom,
  zoomMax,
  zoomMin,
} from '../../src/renderer/components/files/zoom.js';
import { fileContent, message } from './chats-fixtures.js';

const item = (id: string, content: unknown, over: Record<string, unknown> = {}): TimelineItem =>
  ({
    kind: 'message',
    seq: 1,
    message: { ...message({ id: id as never }), content, ...over },
  }) as TimelineItem;

describe('the viewer’s pictures', () => {
  const items: TimelineItem[] = [
    item('a', fileContent('image', { hasThumbnail: true, id: 'fa' as never })),
    item('b', { kind: 'text', text: 'hi' }),
    item('c', fileContent('image', { hasThumbnail: true, id: 'fc' as never })),
    item('d', fileContent('file', { hasThumbnail: false })),
    item('e', fileContent('image', { hasThumbnail: true }), { recalledAt: 5, content: null }),
    item('f', fileContent('image', { hasThumbnail: false })),
    { kind: 'outgoing', entry: { clientMsgId: 'x' } } as TimelineItem,
    item('g', fileContent('image', { hasThumbnail: true, id: 'fg' as never })),
  ];

  it('are the loaded image messages with a preview, oldest first', () => {
    expect(viewerImages(items).map((i) => i.messageId)).toEqual(['a', 'c', 'g']);
  });

  it('step to the previous and next picture, stopping at the ends', () => {
    const images = viewerImages(items);
    expect(viewerPosition(images, 'c')).toMatchObject({
      index: 1,
      previous: { messageId: 'a' },
      next: { messageId: 'g' },
    });
    expect(viewerPosition(images, 'a')).toMatchObject({ index: 0, previous: null });
    expect(viewerPosition(images, 'g')).toMatchObject({ index: 2, next: null });
    expect(viewerPosition(images, 'b')).toBeNull();
  });
});

describe('zooming in the viewer', () => {
  it('fits the whole picture in the stage without enlarging small ones', () => {
    expect(fitZoom({ width: 4000, height: 3000 }, { width: 1000, height: 600 })).toBe(0.2);
    expect(fitZoom({ width: 300, height: 200 }, { width: 1000, height: 600 })).toBe(1);
  });

  it('steps through fixed levels from wherever it is, within bounds', () => {
    expect(stepZoom(1, 'in')).toBe(1.5);
    expect(stepZoom(0.2, 'in')).toBe(0.25);
    expect(stepZoom(0.2, 'out')).toBe(0.1);
    expect(stepZoom(zoomMax, 'in')).toBe(zoomMax);
    expect(stepZoom(zoomMin, 'out')).toBe(zoomMin);
  });

  it('zooms in on wheel up and out on wheel down, about 10 % a notch', () => {
    expect(wheelZoom(1, -100)).toBeCloseTo(1.1);
    expect(wheelZoom(1, 100)).toBeCloseTo(1 / 1.1);
    expect(wheelZoom(zoomMax, -1000)).toBe(zoomMax);
  });

  it('double-click goes between the fitted view and the picture’s own pixels', () => {
    expect(toggleZoom(0.2, 0.2)).toBe(1);
    expect(toggleZoom(1, 0.2)).toBe(0.2);
    expect(toggleZoom(3, 0.2)).toBe(0.2);
    // A small picture already at its own size doubles.
    expect(toggleZoom(1, 1)).toBe(2);
  });
});
