/** The port a Parley server listens on unless told otherwise (the server's config default). */
export const DEFAULT_PORT = 7400;

export type ServerAddress = { ok: true; url: string } | { ok: false; reason: 'empty' | 'invalid' };

/**
 * A server address as a person types it ("192.168.1.5", "chat.lan:7400", "http://host/") turned into
 * the URL the core expects. Without a scheme it is plain http and, without a port, Parley's default
 * port: a bare address is what people copy from the server's console or a colleague. With a scheme
 * the address is taken as written (a server behind a proxy on 80 or 443).
 */
export function normaliseServerAddress(input: string): ServerAddress {
  const typed = input.trim();
  if (typed === '') return { ok: false, reason: 'empty' };
  if (/\s/.test(typed)) return { ok: false, reason: 'invalid' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(typed);
  let candidate: string;
  if (scheme) {
    if (!/^https?$/i.test(scheme[1] ?? '')) return { ok: false, reason: 'invalid' };
    candidate = typed;
  } else {
    candidate = `http://${withDefaultPort(typed)}`;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.hostname === '' || url.username !== '' || url.password !== '')
    return { ok: false, reason: 'invalid' };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}

/** Adds the default port to "host", "1.2.3.4", "::1" or "[::1]" when the text names none. */
function withDefaultPort(typed: string): string {
  const slash = typed.indexOf('/');
  const authority = slash === -1 ? typed : typed.slice(0, slash);
  const rest = slash === -1 ? '' : typed.slice(slash);
  // A bare IPv6 address has several colons and no brackets.
  if (!authority.startsWith('[') && (authority.match(/:/g)?.length ?? 0) > 1) {
    return `[${authority}]:${DEFAULT_PORT}${rest}`;
  }
  const hasPort = authority.startsWith('[') ? /\]:\d*$/.test(authority) : authority.includes(':');
  return hasPort ? typed : `${authority}:${DEFAULT_PORT}${rest}`;
}
