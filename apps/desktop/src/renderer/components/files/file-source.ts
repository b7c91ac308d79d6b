import type { FileSource } from '@parley/shared';
import { Limits } from '@parley/shared/limits';

/** How a picked, dropped or pasted file can go to the main process. */
export type SourcePlan =
  | { kind: 'path'; path: string }
  | { kind: 'bytes' }
  /** Exists only in the page and is larger than IPC takes: cannot be sent from here. */
  | { kind: 'too-large'; max: number };

/**
 * By path when the system knows where the file is (no copy through IPC, any size); else as bytes,
 * which is how pasted images and recordings go, up to Limits.bytesFromRendererMax.
 */
export function planSource(
  file: { size: number },
  path: string | null,
  max: number = Limits.bytesFromRendererMax,
): SourcePlan {
  if (path) return { kind: 'path', path };
  if (file.size > max) return { kind: 'too-large', max };
  return { kind: 'bytes' };
}

/** A name for a file the page made up (a pasted screenshot has none, or just "image.png"). */
export function nameForBytes(file: { name: string; type: string }, now: Date): string {
  const trimmed = file.name.trim();
  if (trimmed !== '' && trimmed !== 'image.png') return trimmed;
  const ext = /^image\/(png|jpeg|gif|webp)$/.exec(file.type)?.[1]?.replace('jpeg', 'jpg') ?? 'png';
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `pasted-${stamp}.${ext}`;
}

/** The IPC source of a file, reading its bytes when it has no path (`name`: what to call those). */
export async function toSource(
  file: File,
  plan: Exclude<SourcePlan, { kind: 'too-large' }>,
  name: string = nameForBytes(file, new Date()),
): Promise<FileSource> {
  if (plan.kind === 'path') return { kind: 'path', path: plan.path };
  return {
    kind: 'bytes',
    name,
    type: file.type,
    data: new Uint8Array(await file.arrayBuffer()),
  };
}
