import type { AuthResult, ErrorBody, SendMessageAck } from '@parley/shared';
import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/index.js';
import { befriend, register, TestClient, until } from './support/client.js';
import { backfill, ConversationReplica, DeviceReplica } from './support/replica.js';
import { tempDir } from './support/server.js';
import { textOf } from './support/content.js';

const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const serverProcessFile = fileURLToPath(new URL('./support/server-process.ts', import.meta.url));

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** A Parley server in a child process of its own, so SIGKILL hits the server itself. */
class ServerProcess {
  readonly exited: Promise<void>;
  private alive = true;

  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
  ) {
    this.exited =
      proc.exitCode !== null || proc.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => {
            proc.once('exit', () => {
              this.alive = false;
              resolve();
            });
          });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  static async start(dataDir: string): Promise<ServerProcess> {
    const proc = spawn(process.execPath, ['--import', 'tsx', serverProcessFile, dataDir, '0'], {
      cwd: serverRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(proc);
    proc.once('exit', () => children.delete(proc));
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: proc.stdout });
      const timer = setTimeout(() => {
        reject(new Error(`server process did not start in time\n${stderr}`));
      }, 30_000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        lines.close();
        try {
          resolve((JSON.parse(line) as { port: number }).port);
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server process exited (${signal ?? code}) before listening\n${stderr}`));
      });
    });
    return new ServerProcess(proc, port);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.proc.kill(signal);
    await this.exited;
  }
}

/** Every child started, so a failing test still leaves none behind. */
const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) fn();
  await Promise.all(
    [...children].map(
      (proc) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) {
            resolve();
            return;
          }
          proc.once('exit', () => {
            resolve();
          });
          proc.kill('SIGKILL');
        }),
    ),
  );
  children.clear();
});

interface OutboxItem {
  conversationId: string;
  clientMsgId: string;
  text: string;
  attempts: number;
  firstSentAt: number;
}

interface Delivered {
  item: OutboxItem;
  ack: SendMessageAck;
}

/**
 * One user's device as the desktop app will be: every message goes into a local outbox first and
 * stays there until the server acks it; a send that times out or dies with the connection is
 * sent again, with the same clientMsgId, once connected again.
 */
class Device {
  readonly outbox = new Map<string, OutboxItem>();
  /** Every clientMsgId put on the wire at least once. */
  readonly emitted = new Set<string>();
  readonly delivered = new Map<string, Delivered>();
  /** Every ack received, repeats included. */
  readonly acks: { clientMsgId: string; ack: SendMessageAck }[] = [];
  readonly refusals: ErrorBody[] = [];
  retried = 0;
  /** What the device knows: live pushes plus a catch-up on every (re)connect. */
  readonly replica = new DeviceReplica();
  /** Every connection made, with what was pushed on it. */
  readonly connections: TestClient[] = [];
  /** Catch-ups cut short by a kill (the next connection's catch-up picks up from there). */
  interruptedSyncs = 0;
  syncing: Promise<void> = Promise.resolve();
  private client: TestClient | null = null;
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(readonly auth: AuthResult) {}

  get userId(): string {
    return this.auth.user.id;
  }

  /** A new connection to (a new) server; whoever waits for one goes on. */
  async connect(url: string): Promise<void> {
    this.client?.close();
    const client = new TestClient(url, this.auth);
    this.connections.push(client);
    client.socket.on('conv.event', (e) => {
      this.replica.applyConversationEvent(e);
    });
    client.socket.on('user.event', (e) => {
      this.replica.user.apply(e);
    });
    this.client = client;
    await client.connected();
    this.syncing = this.replica.catchUp(client).then(
      () => undefined,
      () => {
        this.interruptedSyncs += 1;
      },
    );
    for (const wake of this.waiters.splice(0)) wake();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.client?.close();
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async ready(): Promise<TestClient | null> {
    for (;;) {
      if (this.closed) return null;
      const c = this.client;
      if (c?.socket.connected) return c;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Written to the outbox before anything is sent. */
  enqueue(conversationId: string): OutboxItem {
    const clientMsgId = randomUUID();
    const item = {
      conversationId,
      clientMsgId,
      text: `from ${this.userId} ${clientMsgId}`,
      attempts: 0,
      firstSentAt: 0,
    };
    this.outbox.set(clientMsgId, item);
    return item;
  }

  /** Sends until acked (or refused for good), always with the item's own clientMsgId. */
  async deliver(item: OutboxItem): Promise<void> {
    for (;;) {
      const client = await this.ready();
      if (!client) return;
      if (item.attempts > 0) this.retried += 1;
      else item.firstSentAt = Date.now();
      item.attempts += 1;
      this.emitted.add(item.clientMsgId);
      let result;
      try {
        result = await client.call(
          'messages.send',
          {
            conversationId: item.conversationId,
            clientMsgId: item.clientMsgId,
            content: { kind: 'text', text: item.text },
          },
          3_000,
        );
      } catch {
        // No answer (the connection died or the ack timed out): it may or may not be stored. Retry.
        await sleep(20);
        continue;
      }
      if (result.ok) {
        this.acks.push({ clientMsgId: item.clientMsgId, ack: result.data });
        this.delivered.set(item.clientMsgId, { item, ack: result.data });
        this.outbox.delete(item.clientMsgId);
        return;
      }
      if (result.error.code === 'SERVER_SHUTTING_DOWN') {
        await sleep(50);
        continue;
      }
      this.refusals.push(result.error);
      return;
    }
  }

  /** The current connection, for checks after the burst. */
  get rpcClient(): TestClient {
    if (!this.client) throw new Error('not connected');
    return this.client;
  }
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  client_msg_id: string;
  content_json: string | null;
  created_at: number;
}

interface EventRow {
  conversation_id: string;
  seq: number;
  type: string;
  message_id: string | null;
}

describe('crash recovery', () => {
  it('SIGKILL during a burst from 10 retrying clients, twice: every acked message exists exactly once, no seq gap or duplicate, every retried message stored once', async () => {
    const dataDir = tempDir('parley-crash-');
    cleanups.push(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });
    let server = await ServerProcess.start(dataDir);

    // Ten users, a group of all ten and five direct pairs.
    const auths = await Promise.all(Array.from({ length: 10 }, () => register(server.url)));
    const setup = await Promise.all(auths.map((a) => new TestClient(server.url, a).connected()));
    cleanups.push(() => {
      for (const c of setup) c.close();
    });
    const group = (
      await setup[0]!.rpc('groups.create', {
        name: 'everyone',
        memberIds: auths.slice(1).map((a) => a.user.id),
      })
    ).conversation.id;
    const directOf = new Map<number, string>();
    for (let i = 0; i < 10; i += 2) {
      await befriend(setup[i]!, setup[i + 1]!);
      const { conversation } = await setup[i]!.rpc('conversations.openDirect', {
        userId: setup[i + 1]!.userId,
      });
      directOf.set(i, conversation.id);
      directOf.set(i + 1, conversation.id);
    }
    for (const c of setup) c.close();
    const conversations = [group, ...new Set(directOf.values())];

    const devices = auths.map((a) => new Device(a));
    cleanups.push(() => {
      for (const d of devices) d.close();
    });
    await Promise.all(devices.map((d) => d.connect(server.url)));

    // Each device sends continuously from 5 lanes, each lane one message at a time until acked.
    let stopping = false;
    const lanes = devices.flatMap((device, i) =>
      Array.from({ length: 5 }, async () => {
        while (!stopping && !device.isClosed) {
          const conversationId = Math.random() < 0.6 ? group : directOf.get(i)!;
          await device.deliver(device.enqueue(conversationId));
        }
      }),
    );

    const killDelays: number[] = [];
    const ackedBeforeKill: number[] = [];
    const killTimes: number[] = [];
    const totalAcked = () => devices.reduce((n, d) => n + d.delivered.size, 0);
    for (let round = 0; round < 2; round++) {
      // Mid-burst for sure: the server has answered sends since it (re)started, and is still taking them.
      const ackedAtStart = totalAcked();
      const delay = randomBetween(300, 1500);
      killDelays.push(delay);
      await sleep(delay);
      await until(() => totalAcked() >= ackedAtStart + 50, 20_000, 'the burst to get going');
      ackedBeforeKill.push(totalAcked());
      killTimes.push(Date.now());
      await server.kill('SIGKILL');
      server = await ServerProcess.start(dataDir);
      await Promise.all(devices.map((d) => d.connect(server.url)));
    }
    // A last stretch on the third server, then stop making new messages and drain every outbox.
    await sleep(500);
    stopping = true;
    await Promise.all(lanes);

    for (const d of devices) {
      expect(d.refusals).toEqual([]);
      expect([...d.outbox.keys()]).toEqual([]);
      expect(d.delivered.size).toBe(d.emitted.size);
      // Any repeated ack for one clientMsgId is the same ack.
      for (const { clientMsgId, ack } of d.acks) expect(ack).toEqual(d.delivered.get(clientMsgId)!.ack);
    }
    const delivered = devices.flatMap((d) =>
      [...d.delivered.values()].map((x) => ({ ...x, senderId: d.userId })),
    );
    const retried = devices.reduce((n, d) => n + d.retried, 0);
    // The kills did land mid-burst: some sends went unanswered and were retried.
    expect(retried).toBeGreaterThan(0);

    // A retry after all that still gets the first ack and makes nothing new.
    for (const d of devices) {
      for (const { item, ack } of [...d.delivered.values()].slice(0, 3)) {
        const again = await d.rpcClient.rpc('messages.send', {
          conversationId: item.conversationId,
          clientMsgId: item.clientMsgId,
          content: { kind: 'text', text: item.text },
        });
        expect(again).toEqual(ack);
      }
    }

    // Through the protocol: every stream is 1..N, and holds each delivered message once, where acked.
    const bySenderKey = new Map(delivered.map((x) => [`${x.senderId}/${x.item.clientMsgId}`, x]));
    const membersOf = (conversationId: string) =>
      devices.filter((d, i) => conversationId === group || directOf.get(i) === conversationId);
    let created = 0;
    await Promise.all(devices.map((d) => d.syncing));
    for (const conversationId of conversations) {
      const fresh = new ConversationReplica(conversationId);
      const pages = await backfill(membersOf(conversationId)[0]!.rpcClient, fresh, 500);
      const events = pages.flatMap((p) => p.events);
      const head = events.length;
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      for (const e of events) {
        if (e.type !== 'message.created') continue;
        created += 1;
        const x = bySenderKey.get(`${e.message.senderId}/${e.message.clientMsgId}`);
        expect(x, `stored message ${e.message.id} nobody sent`).toBeDefined();
        expect([e.message.id, e.seq, e.message.conversationId, textOf(e.message.content)]).toEqual([
          x!.ack.id,
          x!.ack.seq,
          x!.item.conversationId,
          x!.item.text,
        ]);
      }
      // Every member device, from live pushes and a catch-up after each restart, holds the same.
      for (const d of membersOf(conversationId)) {
        const mine = d.replica.conversation(conversationId);
        await until(() => mine.lastSeq >= head, 10_000, 'pushes to settle');
        expect(mine.appliedSeqs()).toEqual(Array.from({ length: head }, (_, i) => i + 1));
        expect(mine.state()).toEqual(fresh.state());
        // On each connection, pushes came once each and in seq order.
        for (const connection of d.connections) {
          const seqs = connection.convEvents
            .filter((e) => e.conversationId === conversationId)
            .map((e) => e.seq);
          expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
        }
      }
    }
    expect(created).toBe(delivered.length);

    // Stop the last server the hard way too, then read the file itself.
    await server.kill('SIGKILL');
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    cleanups.unshift(() => {
      db.close();
    });
    const messages = db
      .prepare(
        'SELECT id, conversation_id, seq, sender_id, client_msg_id, content_json, created_at FROM messages',
      )
      .all() as MessageRow[];
    const events = db
      .prepare(
        'SELECT conversation_id, seq, type, message_id FROM conversation_events ORDER BY conversation_id, seq',
      )
      .all() as EventRow[];

    // Per conversation, the event seqs are exactly 1..N.
    const seqsByConversation = new Map<string, number[]>();
    for (const e of events) {
      let list = seqsByConversation.get(e.conversation_id);
      if (!list) seqsByConversation.set(e.conversation_id, (list = []));
      list.push(e.seq);
    }
    expect([...seqsByConversation.keys()].sort()).toEqual([...conversations].sort());
    for (const seqs of seqsByConversation.values()) {
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }

    // Messages and their message.created events match one to one, seq for seq.
    const eventAt = new Map(events.map((e) => [`${e.conversation_id}#${e.seq}`, e]));
    const createdEvents = events.filter((e) => e.type === 'message.created');
    expect(createdEvents).toHaveLength(messages.length);
    const messageById = new Map(messages.map((m) => [m.id, m]));
    expect(messageById.size).toBe(messages.length);
    for (const m of messages) {
      expect(eventAt.get(`${m.conversation_id}#${m.seq}`)).toEqual({
        conversation_id: m.conversation_id,
        seq: m.seq,
        type: 'message.created',
        message_id: m.id,
      });
    }
    for (const e of createdEvents) expect(messageById.get(e.message_id!)?.seq).toBe(e.seq);

    // Every (sender, clientMsgId) ever put on the wire is stored exactly once; nothing else is.
    const rowsByKey = new Map<string, MessageRow[]>();
    for (const m of messages) {
      const key = `${m.sender_id}/${m.client_msg_id}`;
      rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), m]);
    }
    const emittedKeys = devices.flatMap((d) => [...d.emitted].map((id) => `${d.userId}/${id}`));
    for (const key of emittedKeys) expect(rowsByKey.get(key), key).toHaveLength(1);
    expect(messages).toHaveLength(emittedKeys.length);

    // Every ack names the row that holds it: nothing acknowledged was lost.
    for (const x of delivered) {
      const row = messageById.get(x.ack.id);
      expect(row, `acked message ${x.ack.id}`).toBeDefined();
      expect(row).toMatchObject({
        conversation_id: x.item.conversationId,
        seq: x.ack.seq,
        sender_id: x.senderId,
        client_msg_id: x.item.clientMsgId,
        created_at: x.ack.createdAt,
      });
      expect((JSON.parse(row!.content_json!) as { text: string }).text).toBe(x.item.text);
    }

    // Retried sends the server had committed before it died, whose ack was lost with it.
    const committedUnacked = delivered.filter(
      (x) =>
        x.item.attempts > 1 &&
        x.ack.createdAt <= (killTimes.find((k) => k >= x.item.firstSentAt) ?? Number.POSITIVE_INFINITY),
    ).length;
    console.info(
      `crash-recovery: killed after ${killDelays.join(' ms and ')} ms; ${delivered.length} messages acked ` +
        `(${ackedBeforeKill.join(', ')} before each kill), ${retried} retries, ` +
        `(${committedUnacked} of them already stored before the kill), ` +
        `${devices.reduce((n, d) => n + d.interruptedSyncs, 0)} catch-ups cut short`,
    );
  });
});
