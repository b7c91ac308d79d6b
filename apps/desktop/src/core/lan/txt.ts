/** More strings than any Parley record has: the rest of a record is not read. */
const MAX_STRINGS = 32;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A DNS-SD TXT record (RFC 6763 §6) as `key → value`: keys are printable ASCII up to the first
 * "=", compared without case, and the first occurrence of a key wins. Strings without "=" (boolean
 * attributes) or with an empty key are skipped; a key whose first value is not UTF-8 stays unset. Null for rdata that is
 * not a list of byte strings.
 */
export function decodeTxt(data: unknown): Map<string, string> | null {
  const strings: unknown[] | null = Array.isArray(data) ? data : data instanceof Uint8Array ? [data] : null;
  if (strings === null) return null;
  const values = new Map<string, string>();
  const taken = new Set<string>();
  for (const s of strings.slice(0, MAX_STRINGS)) {
    if (!(s instanceof Uint8Array)) return null;
    const eq = s.indexOf(0x3d);
    if (eq <= 0) continue;
    const keyBytes = s.subarray(0, eq);
    if (keyBytes.some((b) => b < 0x20 || b > 0x7e)) continue;
    const key = Buffer.from(keyBytes).toString('latin1').toLowerCase();
    // Only the first occurrence counts, even when its value is unusable (RFC 6763 §6.4).
    if (taken.has(key)) continue;
    taken.add(key);
    try {
      values.set(key, utf8.decode(s.subarray(eq + 1)));
    } catch {
      // Not UTF-8: the key stays unset.
    }
  }
  return values;
}
