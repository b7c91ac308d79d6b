import type { FileInfo, TimelineItem } from '@parley/shared';

/** A picture the viewer can show: an image message of the loaded conversation. */
export interface ViewerImage {
  messageId: string;
  senderId: string;
  createdAt: number;
  file: FileInfo;
}

/** The pictures among loaded timeline items, oldest first: recalled ones and unreadable ones left out. */
export function viewerImages(items: readonly TimelineItem[]): ViewerImage[] {
  return items.flatMap((i) => {
    if (i.kind !== 'message' || i.message.recalledAt !== null) return [];
    const c = i.message.content;
    if (c?.kind !== 'image' || !c.file.hasThumbnail) return [];
    return [
      { messageId: i.message.id, senderId: i.message.senderId, createdAt: i.message.createdAt, file: c.file },
    ];
  });
}

/** Where a picture is among them, and the ones before and after it (null at either end). */
export function viewerPosition(
  images: readonly ViewerImage[],
  messageId: string,
): { index: number; previous: ViewerImage | null; next: ViewerImage | null } | null {
  const index = images.findIndex((i) => i.messageId === messageId);
  if (index < 0) return null;
  return { index, previous: images[index - 1] ?? null, next: images[index + 1] ?? null };
}
