/** A DNS label holds at most 63 bytes (RFC 1035); the instance name is one label. */
const LABEL_MAX_BYTES = 63;

/** The longest start of `text` that fits in `maxBytes` of UTF-8, cut between characters. */
export function fitBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/**
 * The DNS-SD instance name to try: the server's name, then "name (2)", "name (3)"… after conflicts
 * (as macOS and Avahi rename). bonjour-service turns dots into dashes; doing it here keeps the name
 * we probe for the same as the one it publishes. Cut to fit one DNS label with its suffix.
 */
export function instanceName(serverName: string, attempt: number): string {
  const suffix = attempt <= 1 ? '' : ` (${attempt})`;
  const base = serverName.replaceAll('.', '-').trim() || 'Parley';
  return fitBytes(base, LABEL_MAX_BYTES - Buffer.byteLength(suffix)).trimEnd() + suffix;
}
