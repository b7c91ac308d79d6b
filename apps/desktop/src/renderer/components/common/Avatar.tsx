import type { PresenceStatus } from '@parley/shared';
import { useState } from 'react';
import { useStore } from '../../store/index.js';
import { avatarUrl } from '../files/file-urls.js';
import './avatar.css';

const hues = [210, 260, 330, 15, 35, 150, 180, 290];

/** A stable hue per id, so a person keeps their colour everywhere. */
function hueOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return hues[h % hues.length] ?? 210;
}

/** The first letter (or CJK character) of a name: what shows without a photo. */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function initialOf(name: string): string {
  const first = graphemes.segment(name.trim())[Symbol.iterator]().next();
  return first.done ? '?' : first.value.segment.toUpperCase();
}

/**
 * A person's or a group's picture: their photo when they set one (from the local cache, through
 * the app's own /avatars/ URLs), else their initial on their colour. A person's photo is looked up
 * by id among the profiles the app has loaded; a group's comes as `fileId`.
 */
export function Avatar({
  id,
  name,
  size = 36,
  presence,
  group = false,
  fileId,
}: {
  id: string;
  name: string;
  size?: number;
  presence?: PresenceStatus | undefined;
  group?: boolean;
  /** The photo to show; by default, for a person, the one of their loaded profile. */
  fileId?: string | null | undefined;
}) {
  const known = useStore((s) =>
    group ? null : (s.users[id]?.avatarFileId ?? (s.me?.id === id ? s.me.avatarFileId : null)),
  );
  const photo = fileId === undefined ? known : fileId;
  // A photo that does not load (offline and never seen) leaves the initial showing.
  const [failed, setFailed] = useState<string | null>(null);
  const src = photo ? avatarUrl(photo, size > 64 ? 256 : 64) : null;
  return (
    <span
      className={`avatar${group ? ' avatar-group' : ''}`}
      data-hue={hueOf(id)}
      style={{ width: size, height: size, fontSize: Math.round(size * 0.42) }}
      aria-hidden="true"
    >
      {initialOf(name)}
      {src && failed !== src && (
        <img className="avatar-photo" src={src} alt="" draggable={false} onError={() => setFailed(src)} />
      )}
      {presence && presence !== 'offline' && <span className={`presence-dot presence-${presence}`} />}
    </span>
  );
}
