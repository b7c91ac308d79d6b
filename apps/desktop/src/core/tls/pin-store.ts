import { FINGERPRINT_PATTERN } from '@parley/shared';
import { readJsonFile, writeJsonFile } from '../settings/json-file.js';
import { originOf } from './fingerprint.js';

/** The file in the core's data folder that holds the pins. */
export const PIN_FILE = 'tls-pins.json';

/**
 * Which key each HTTPS server is trusted with, trust on first use (SSH style): a server's origin
 * (`https://host:port`) → the SHA-256 fingerprint of the public key the user accepted. Kept as a
 * small JSON file beside the cache, so it outlives sign-outs and account changes. An entry that
 * is not a valid origin and fingerprint is dropped, which only means being asked again.
 */
export class PinStore {
  private readonly pins = new Map<string, string>();

  constructor(private readonly file: string) {
    const stored = readJsonFile(file);
    const pins = (stored as { pins?: unknown } | undefined)?.pins;
    if (pins === null || typeof pins !== 'object') return;
    for (const [origin, fingerprint] of Object.entries(pins as Record<string, unknown>)) {
      if (typeof fingerprint !== 'string' || !FINGERPRINT_PATTERN.test(fingerprint)) continue;
      try {
        if (originOf(origin) === origin && origin.startsWith('https://')) this.pins.set(origin, fingerprint);
      } catch {
        // Not a URL: dropped.
      }
    }
  }

  /** The pinned fingerprint for a server (any URL of it), or null. */
  get(url: string): string | null {
    return this.pins.get(originOf(url)) ?? null;
  }

  /** Trusts `fingerprint` for the server at `url` from now on, replacing what was pinned. */
  set(url: string, fingerprint: string): void {
    if (!FINGERPRINT_PATTERN.test(fingerprint)) throw new Error('not a fingerprint');
    this.pins.set(originOf(url), fingerprint);
    writeJsonFile(this.file, { pins: Object.fromEntries(this.pins) });
  }

  /** The fingerprints pinned for a host (on any port): Chromium asks by host only. */
  fingerprintsForHost(hostname: string): string[] {
    const bare = (host: string) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const out: string[] = [];
    for (const [origin, fingerprint] of this.pins) {
      if (bare(new URL(origin).hostname) === bare(hostname)) out.push(fingerprint);
    }
    return out;
  }
}
