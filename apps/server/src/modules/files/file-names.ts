import { Limits } from '@parley/shared';

/** C0 and C1 controls, DEL, and the bidi marks, embeddings, overrides and isolates that can make "exe.txt" read as "txt.exe". */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** An extension worth keeping when a long name is shortened. */
const EXTENSION = /\.[^.\s]{1,16}$/u;

/**
 * The name a file is stored and shown under: the last path segment only, without control or bidi
 * characters, trimmed, at most Limits.fileNameMax code points with its extension kept; "file" when
 * nothing is left. Never used as a path on the server (blobs are stored by sha256).
 */
export function neutraliseFileName(raw: string): string {
  const base = raw.split(/[/\\]/u).at(-1) ?? '';
  let name = base.replace(HIDDEN, '').trim();
  if (name === '.' || name === '..') name = '';
  const points = Array.from(name);
  if (points.length > Limits.fileNameMax) {
    const ext = EXTENSION.exec(name)?.[0] ?? '';
    const extPoints = Array.from(ext);
    name =
      points
        .slice(0, Limits.fileNameMax - extPoints.length)
        .join('')
        .trimEnd() + ext;
  }
  return name === '' ? 'file' : name;
}

/** Extensions that run code when opened on some system; such files are accepted but flagged. */
const EXECUTABLE_EXTENSIONS = new Set([
  'app',
  'apk',
  'appimage',
  'bash',
  'bat',
  'bin',
  'cmd',
  'com',
  'command',
  'cpl',
  'csh',
  'deb',
  'desktop',
  'dll',
  'dmg',
  'elf',
  'exe',
  'gadget',
  'hta',
  'inf',
  'ins',
  'jar',
  'js',
  'jse',
  'ksh',
  'lnk',
  'msc',
  'msi',
  'msix',
  'msp',
  'pif',
  'pkg',
  'pl',
  'ps1',
  'psm1',
  'py',
  'rb',
  'reg',
  'rpm',
  'run',
  'scf',
  'scr',
  'sh',
  'so',
  'url',
  'vb',
  'vbe',
  'vbs',
  'ws',
  'wsc',
  'wsf',
  'wsh',
  'zsh',
]);

export function hasExecutableExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && EXECUTABLE_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
