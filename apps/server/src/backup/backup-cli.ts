import { DatabaseTooNewError } from '@parley/db';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../config.js';
import { BackupError, backupDataDir } from './backup.js';
import { RestoreError, restoreDataDir } from './restore.js';

const backupUsage = `Usage: parley-server backup FILE [--data-dir DIR]
       parley-server restore FILE --data-dir DIR

  backup    writes a consistent copy of the data dir (database and files) to FILE, a tar archive;
            works while the server runs. Run it as the user the server runs as.
  restore   unpacks FILE into DIR, which must be missing or empty; then start the server on DIR.
  --data-dir DIR    the server's data dir (env PARLEY_DATA_DIR; default ${defaultDataDir()})
`;

/** Exit codes, as documented in docs/operations.md. */
const EXIT = { ok: 0, failed: 1, usage: 2, tooNew: 3, exists: 5, invalid: 6 } as const;

const backupExit: Record<BackupError['reason'], number> = {
  NO_DATABASE: EXIT.invalid,
  OUTPUT_EXISTS: EXIT.exists,
  OUTPUT_INSIDE: EXIT.usage,
  UNSTABLE: EXIT.failed,
};

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `parley-server backup|restore …`; returns the exit code. */
export async function runBackupCommand(command: 'backup' | 'restore', args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${backupUsage}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    process.stdout.write(backupUsage);
    return EXIT.ok;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    process.stderr.write(`${command} takes exactly one FILE\n\n${backupUsage}`);
    return EXIT.usage;
  }
  const dataDir = parsed.values['data-dir'] ?? process.env.PARLEY_DATA_DIR ?? defaultDataDir();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const started = performance.now();
  const took = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  try {
    if (command === 'backup') {
      const r = await backupDataDir(dataDir, file, say);
      say(
        `Backed up ${dataDir} to ${r.file}: the database and ${r.blobs} files, ${mb(r.bytes)}, in ${took()}.`,
      );
    } else {
      const r = await restoreDataDir(file, dataDir, say);
      say(
        `Restored the backup of ${r.manifest.createdAt} (schema version ${r.manifest.schemaVersion}) into ${r.dataDir} in ${took()}.\n` +
          `Start the server with --data-dir ${r.dataDir}.`,
      );
    }
    return EXIT.ok;
  } catch (err) {
    process.stderr.write(`parley-server ${command}: ${(err as Error).message}\n`);
    if (err instanceof DatabaseTooNewError) return EXIT.tooNew;
    if (err instanceof BackupError) return backupExit[err.reason];
    if (err instanceof RestoreError) return err.reason === 'NOT_EMPTY' ? EXIT.exists : EXIT.invalid;
    return EXIT.failed;
  }
}
