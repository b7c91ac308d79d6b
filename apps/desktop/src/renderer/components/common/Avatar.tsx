import type { PresenceStatus } from '@parley/shared';
import './avatar.css';

const hues = [210, 260, 330, 15, 35, 150, 180, 290];

/** A stable hue per id, so a person keeps their colour everywhere. */
function hueOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return hues[h % hues.length] ?? 210;
}

/** The first letter (or CJK character) of a name, as a placeholder until avatars arrive with files. */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function initialOf(name: string): string {
  const first = graphemes.segment(name.trim())[Symbol.iterator]().next();
  return first.done ? '?' : first.value.segment.toUpperCase();
}

export function Avatar({
  id,
  name,
  size = 36,
  presence,
  group = false,
}: {
  id: string;
  name: string;
  size?: number;
  presence?: PresenceStatus | undefined;
  group?: boolean;
}) {
  return (
    <span
      className={`avatar${group ? ' avatar-group' : ''}`}
      data-hue={hueOf(id)}
      style={{ width: size, height: size, fontSize: Math.round(size * 0.42) }}
      aria-hidden="true"
    >
      {initialOf(name)}
      {presence && presence !== 'offline' && <span className={`presence-dot presence-${presence}`} />}
    </span>
  );
}
