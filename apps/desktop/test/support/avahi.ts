import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetnsLab, NsProcess } from './netns.js';

/*
 * Avahi, Debian's standard mDNS daemon, as a DNS-SD browser inside one network namespace, touching
 * nothing of the host's: its own D-Bus bus (a socket in a temp folder, instead of the system bus
 * the host's avahi-daemon may own) and its own /run (a tmpfs in a private mount namespace, for its
 * pid file). avahi-browse talks to avahi-daemon over D-Bus, so both are pointed at that bus with
 * DBUS_SYSTEM_BUS_ADDRESS. See docs/operations.md.
 */

const TOOLS = ['dbus-daemon', 'avahi-daemon', 'avahi-browse', 'unshare'];

/** Why Avahi cannot run here, or null when it can. */
export function avahiMissing(): string | null {
  const missing = TOOLS.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  return missing.length === 0
    ? null
    : `not installed: ${missing.join(', ')} (apt-get install avahi-daemon avahi-utils)`;
}

/** One resolved service as `avahi-browse --parsable --resolve` prints it. */
export interface AvahiService {
  interface: string;
  name: string;
  type: string;
  host: string;
  address: string;
  port: number;
  txt: Record<string, string>;
}

/** Decodes avahi-browse's escapes in names: `\032` is a byte in decimal, `\.` a literal character. */
function unescape(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const rest = text.slice(i);
    const decimal = /^\\(\d{3})/.exec(rest);
    if (decimal) {
      bytes.push(Number(decimal[1]));
      i += 3;
    } else if (rest.startsWith('\\') && rest.length > 1) {
      bytes.push(...Buffer.from(rest[1]!));
      i += 1;
    } else {
      bytes.push(...Buffer.from(text[i]!));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseResolved(line: string): AvahiService | null {
  // =;iface;protocol;name;type;domain;host;address;port;"txt" "txt"
  const fields = line.split(';');
  if (fields[0] !== '=' || fields.length < 10) return null;
  const txt: Record<string, string> = {};
  for (const [, pair = ''] of fields
    .slice(9)
    .join(';')
    .matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    const eq = pair.indexOf('=');
    if (eq > 0) txt[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return {
    interface: fields[1]!,
    name: unescape(fields[3]!),
    type: fields[4]!,
    host: fields[6]!,
    address: fields[7]!,
    port: Number(fields[8]),
    txt,
  };
}

export class Avahi {
  private constructor(
    private readonly lab: NetnsLab,
    private readonly ns: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly daemon: NsProcess,
  ) {}

  /** Starts a bus and avahi-daemon in `ns`, on `iface` only, browsing but publishing nothing. */
  static async start(lab: NetnsLab, ns: string, iface: string): Promise<Avahi> {
    const dir = mkdtempSync(join(tmpdir(), 'parley-avahi-'));
    const bus = join(dir, 'bus');
    writeFileSync(
      join(dir, 'bus.conf'),
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=${bus}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
`,
    );
    writeFileSync(
      join(dir, 'avahi-daemon.conf'),
      `[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces=${iface}
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
disable-publishing=yes
`,
    );
    const env = { DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${bus}` };
    const dbus = lab.spawn(ns, 'dbus-daemon', [
      'dbus-daemon',
      '--nofork',
      `--config-file=${join(dir, 'bus.conf')}`,
    ]);
    await dbus.until(() => (existsSync(bus) ? true : undefined), 'its socket');
    const daemon = lab.spawn(
      ns,
      'avahi-daemon',
      [
        'unshare',
        '--mount',
        'sh',
        '-c',
        `mount -t tmpfs tmpfs /run && exec avahi-daemon -f ${join(dir, 'avahi-daemon.conf')} --no-drop-root --no-chroot --no-rlimits --no-proc-title`,
      ],
      env,
    );
    await daemon.until((p) => (p.errors.includes('Server startup complete') ? true : undefined), 'startup');
    return new Avahi(lab, ns, env, daemon);
  }

  /** `avahi-browse --resolve --terminate --parsable <type>`: what Avahi has resolved by then. */
  async browse(type: string): Promise<AvahiService[]> {
    const run = this.lab.spawn(
      this.ns,
      'avahi-browse',
      ['avahi-browse', '-r', '-t', '-p', '-k', type],
      this.env,
    );
    await run.until((p) => (p.running ? undefined : true), 'exit');
    if (run.child.exitCode !== 0) throw new Error(`avahi-browse failed: ${run.errors}`);
    return run.lines.map(parseResolved).filter((s) => s !== null);
  }
}
