/** What a file card's tile shows: a colour family and the extension as a short label. */
export type FileFamily =
  | 'image'
  | 'video'
  | 'audio'
  | 'pdf'
  | 'document'
  | 'sheet'
  | 'slides'
  | 'archive'
  | 'code'
  | 'text'
  | 'program'
  | 'other';

const byExtension: Record<string, FileFamily> = {};
const families: [FileFamily, string][] = [
  ['image', 'png jpg jpeg gif webp bmp svg heic heif tif tiff ico avif'],
  ['video', 'mp4 m4v mov webm mkv avi wmv flv 3gp mpeg mpg'],
  ['audio', 'mp3 m4a aac wav flac ogg oga opus wma amr'],
  ['pdf', 'pdf'],
  ['document', 'doc docx odt rtf pages wps'],
  ['sheet', 'xls xlsx ods csv tsv numbers et'],
  ['slides', 'ppt pptx odp key dps'],
  ['archive', 'zip rar 7z tar gz tgz bz2 xz zst iso dmg'],
  [
    'code',
    'js mjs cjs ts tsx jsx json xml yaml yml toml html htm css scss py rb go rs java kt c h cpp hpp cs php swift sql',
  ],
  ['text', 'txt md log ini cfg conf'],
  ['program', 'exe msi bat cmd com scr ps1 vbs jar apk app deb rpm sh run appimage pkg lnk reg'],
];
for (const [family, list] of families) for (const ext of list.split(' ')) byExtension[ext] = family;

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return '';
  return base.slice(dot + 1).toLowerCase();
}

/** The family of a file, from its name first (what people recognise), else from its type. */
export function fileFamily(name: string, mime: string): FileFamily {
  const known = byExtension[extensionOf(name)];
  if (known) return known;
  const type = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('text/')) return 'text';
  if (/zip|compressed|x-tar|x-7z|x-rar/.test(type)) return 'archive';
  return 'other';
}

/** The tile's label: the extension in capitals (at most 4 letters), or nothing for unknown files. */
export function tileLabel(name: string): string {
  const ext = extensionOf(name);
  return /^[a-z0-9]{1,4}$/.test(ext) ? ext.toUpperCase() : '';
}

/**
 * Whether opening the file runs something: the server's flag, or a name that would run on some
 * system (the server may not know every one). Opening these asks first.
 */
export function opensAsProgram(name: string, executableFlag: boolean): boolean {
  return executableFlag || fileFamily(name, '') === 'program';
}
