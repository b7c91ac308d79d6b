import { parseArgs } from 'node:util';

export interface FilesBenchOptions {
  /** Size of the uploaded file, MiB. */
  sizeMib: number;
  /** tus PATCH size, MiB. */
  chunkMib: number;
  /** Upload measurements per target (the median is reported). */
  runs: number;
  /** Images for the thumbnail comparison (0 skips it). */
  images: number;
  imageWidth: number;
  imageHeight: number;
  json: boolean;
}

export const usage = `Usage: npm run bench:files -- [options]
       (or, in apps/server: npx tsx bench/files/run.ts [options])

Uploads one file through Parley's whole path (tus over loopback HTTP, running sha256, checks, blob
store) and through a bare node:http server that streams the body to disk, each server in its own
process; then makes thumbnails of the same JPEGs with raw sharp and through Parley's pipeline.

  --size-mib N      size of the uploaded file in MiB (default 1024)
  --chunk-mib N     tus chunk (PATCH) size in MiB (default 8)
  --runs N          upload runs per target; the median is reported (default 3)
  --images N        JPEGs for the thumbnail comparison; 0 skips it (default 50)
  --image-size WxH  pixels of each JPEG (default 4000x3000)
  --json            also print the results as JSON
  -h, --help        this text
`;

function positive(name: string, raw: string, min = 1): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return value;
}

/** The options, or null when help was asked for. */
export function parseOptions(argv: string[]): FilesBenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      'size-mib': { type: 'string', default: '1024' },
      'chunk-mib': { type: 'string', default: '8' },
      runs: { type: 'string', default: '3' },
      images: { type: 'string', default: '50' },
      'image-size': { type: 'string', default: '4000x3000' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const size = /^(\d+)x(\d+)$/u.exec(values['image-size']);
  if (!size) throw new Error('--image-size must look like 4000x3000');
  return {
    sizeMib: positive('size-mib', values['size-mib']),
    chunkMib: positive('chunk-mib', values['chunk-mib']),
    runs: positive('runs', values.runs),
    images: positive('images', values.images, 0),
    imageWidth: positive('image-size', size[1] ?? ''),
    imageHeight: positive('image-size', size[2] ?? ''),
    json: values.json,
  };
}
