/**
 * The desktop cache under load: inserting through the store against raw better-sqlite3, opening a
 * conversation, searching, and catching up with a real server after time offline.
 * `npm run bench:desktop -- --help` for the sizes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DesktopCore } from '../src/core/desktop-core.js';
import { RANK_WINDOW } from '../src/core/search/search-index.js';
import { MemoryCredentialStore } from '../src/core/sync/credentials.js';
import { catchUp } from './catch-up.js';
import { insertRaw, insertStore, insertStoreWithoutIndex } from './inserts.js';
import { parseOptions } from './options.js';
import { openConversation, searchRuns } from './reads.js';
import { mib, ms, perSecond, table } from './stats.js';

const options = parseOptions(process.argv.slice(2));
const root = mkdtempSync(join(tmpdir(), 'parley-desktop-bench-'));
const n = options.messages;
const log = (line: string) => {
  console.log(line);
};

try {
  log(
    `Parley desktop bench: ${n.toLocaleString('en-US')} messages in ${options.conversations} conversations, ` +
      `${options.batch} per transaction; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  );

  log('\ninserting (raw)…');
  const raw = insertRaw(options, join(root, 'raw'));
  rmSync(join(root, 'raw'), { recursive: true, force: true });
  log('inserting (store, no search index)…');
  const bare = insertStoreWithoutIndex(options, join(root, 'bare'));
  rmSync(join(root, 'bare'), { recursive: true, force: true });
  log('inserting (store)…');
  const store = insertStore(options, join(root, 'store'));
  log(
    table(
      `Insert ${n.toLocaleString('en-US')} messages`,
      ['path', 'time', 'rows/s', 'vs raw', 'cache file'],
      [raw, bare, store].map((r) => [
        r.label,
        `${r.seconds.toFixed(1)} s`,
        perSecond(n, r.seconds),
        `${(r.seconds / raw.seconds).toFixed(2)}×`,
        mib(r.bytes),
      ]),
    ),
  );
  log(
    `search index: +${(((store.seconds - bare.seconds) / n) * 1e6).toFixed(1)} µs and ` +
      `+${((store.bytes - bare.bytes) / n).toFixed(0)} bytes per message`,
  );

  const core = new DesktopCore({
    dataDir: join(root, 'store'),
    credentials: new MemoryCredentialStore(),
    deviceName: 'bench',
  });
  try {
    const open = openConversation(core, options);
    log(
      table(
        'Open a conversation (DesktopCore.timeline, newest 50)',
        ['samples', 'p50', 'p95', 'max'],
        [[String(open.n), ms(open.p50), ms(open.p95), ms(open.max)]],
      ),
    );
    const search = searchRuns(core, options);
    log(
      table(
        `Search (DesktopCore.search, first page of 20; bm25 over windows of ${RANK_WINDOW} newest matches)`,
        ['query', 'scope', 'queries', 'p50', 'p95', 'max', 'hits/page'],
        [
          ...search.runs.map((r) => [
            r.kind,
            r.scope === 'all' ? 'all conversations' : 'one conversation',
            String(r.summary.n),
            ms(r.summary.p50),
            ms(r.summary.p95),
            ms(r.summary.max),
            r.found.toFixed(1),
          ]),
          [
            'every query',
            'both',
            String(search.all.n),
            ms(search.all.p50),
            ms(search.all.p95),
            ms(search.all.max),
            '',
          ],
        ],
      ),
    );
    log(`search p95 ${ms(search.all.p95)}: ${search.all.p95 < 50 ? 'within' : 'MISSES'} the 50 ms target`);
  } finally {
    core.close();
  }
  rmSync(join(root, 'store'), { recursive: true, force: true });

  if (options.catchUp > 0) {
    log(`\ncatching up ${options.catchUp.toLocaleString('en-US')} messages from a real server…`);
    const run = await catchUp(options, join(root, 'catch-up'));
    log(
      table(
        'Catch-up after time offline (one direct conversation)',
        ['messages', 'sent by the other account', 'caught up in', 'messages/s'],
        [
          [
            run.messages.toLocaleString('en-US'),
            `${run.sendSeconds.toFixed(1)} s (${perSecond(run.messages, run.sendSeconds)})`,
            `${run.catchUpSeconds.toFixed(1)} s`,
            perSecond(run.messages, run.catchUpSeconds),
          ],
        ],
      ),
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
