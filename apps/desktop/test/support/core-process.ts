/**
 * A desktop core in a process of its own, for tests that kill it (crash.test.ts).
 *
 *   node --import tsx test/support/core-process.ts <dataDir>
 *
 * It keeps its refresh token in <dataDir>/refresh-token, reads one command per line on stdin and
 * answers on stdout, one line each:
 *
 *   register <url> <username>       → `me <userId>` once online
 *   start                           → `resumed true|false` (resumes the saved session)
 *   send <conversationId> <text…>   → `queued <clientMsgId>`, printed right after the outbox write
 *   sendfile <conversationId> <path> → `queued <clientMsgId>`: a file message, sent by path
 *   state <conversationId>          → `state <json>`: the cached messages, the outbox, the stream position
 *
 * and reports by itself `connection <state>`, `arrived <conversationId> <seq> <messageId>` (a
 * message from someone else is stored) and `transfer <id> <state> <bytesDone>` (a file transfer
 * moved). Writes to a pipe are synchronous, so a line is out before the next thing happens.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DesktopCore } from '../../src/core/desktop-core.js';
import { FileCredentialStore } from './file-credentials.js';
import { textOf } from './text-of.js';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: core-process.ts <dataDir>\n');
  process.exit(2);
}

const core = new DesktopCore({
  dataDir,
  credentials: new FileCredentialStore(join(dataDir, 'refresh-token')),
  deviceName: 'crash test',
  reconnectDelayMs: 100,
  reconnectDelayMaxMs: 1000,
});
const say = (line: string) => process.stdout.write(`${line}\n`);
core.sync.on('connection', (state) => {
  say(`connection ${state}`);
});
core.sync.on('message-arrived', (e) => {
  say(`arrived ${e.conversationId} ${e.seq} ${e.message.id}`);
});
core.on('transfers', (transfers) => {
  for (const t of transfers) say(`transfer ${t.id} ${t.state} ${t.bytesDone}`);
});

async function run(line: string): Promise<void> {
  const [command = '', ...args] = line.split(' ');
  switch (command) {
    case 'register': {
      const [url = '', username = ''] = args;
      const me = await core.sync.register(url, {
        username,
        displayName: username,
        password: 'correct horse battery',
      });
      say(`me ${me.id}`);
      return;
    }
    case 'start':
      say(`resumed ${String(await core.start())}`);
      return;
    case 'send': {
      const [conversationId = '', ...words] = args;
      say(`queued ${core.sendText(conversationId, words.join(' ')).clientMsgId}`);
      return;
    }
    case 'sendfile': {
      const [conversationId = '', ...path] = args;
      const [entry] = await core.files.send({
        conversationId: conversationId as never,
        items: [{ source: { kind: 'path', path: path.join(' ') } }],
      });
      say(`queued ${entry?.clientMsgId ?? ''}`);
      return;
    }
    case 'state': {
      const [conversationId = ''] = args;
      await core.sync.settled();
      const state = {
        messages: core.store.messages.allOf(conversationId).map((m) => ({
          id: m.id,
          seq: m.seq,
          senderId: m.senderId,
          clientMsgId: m.clientMsgId,
          text: textOf(m.content),
        })),
        outbox: core.store.outbox.ofConversation(conversationId).map((e) => e.clientMsgId),
        syncedSeq: core.store.conversations.get(conversationId)?.synced_seq ?? 0,
      };
      say(`state ${JSON.stringify(state)}`);
      return;
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

// Commands run one after another, in the order given.
let chain = Promise.resolve();
createInterface({ input: process.stdin })
  .on('line', (line) => {
    chain = chain.then(() =>
      run(line).catch((err: unknown) => {
        say(`error ${err instanceof Error ? err.message : String(err)}`);
      }),
    );
  })
  .on('close', () => {
    void chain.then(() => {
      core.close();
      process.exit(0);
    });
  });
