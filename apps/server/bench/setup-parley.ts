import { connect, call, Fleet, mapLimit, type BenchClient, type BenchSocket } from './clients.js';
import type { Topology } from './topology.js';

interface Account {
  userId: string;
  accessToken: string;
}

const PASSWORD = 'bench-password-1';

/** POST /api/auth/register; argon2id makes each take tens of milliseconds, so callers limit concurrency. */
async function register(url: string, index: number): Promise<Account> {
  const res = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: `bench_${index}`,
      displayName: `Bench ${index}`,
      password: PASSWORD,
      deviceName: 'bench',
    }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`register bench_${index}: HTTP ${res.status}: ${text}`);
  const body = JSON.parse(text) as { user?: { id?: unknown }; accessToken?: unknown };
  const userId = body.user?.id;
  const accessToken = body.accessToken;
  if (typeof userId !== 'string' || typeof accessToken !== 'string') {
    throw new Error(`register bench_${index}: unexpected body ${text.slice(0, 200)}`);
  }
  return { userId, accessToken };
}

/** Friends first (a 1:1 conversation needs it), then the conversation. */
async function openDirect(a: BenchSocket, b: BenchSocket, bId: string): Promise<string> {
  const { request } = await call(a, 'friends.request', { userId: bId });
  await call(b, 'friends.accept', { requestId: request.id });
  const { conversation } = await call(a, 'conversations.openDirect', { userId: bId });
  return conversation.id;
}

/**
 * Registers one account per client, connects each with its access token, befriends the pairs
 * and opens their 1:1 conversations, and creates the groups (owned by their first member).
 */
export async function setupParley(url: string, clientCount: number, topology: Topology): Promise<Fleet> {
  const indices = Array.from({ length: clientCount }, (_, i) => i);
  const accounts = await mapLimit(indices, 4, (i) => register(url, i));
  const sockets = await mapLimit(accounts, 25, (account) => connect(url, { token: account.accessToken }));

  const clients: BenchClient[] = [];
  const add = (index: number, conversationId: string, recipients: number): void => {
    clients.push({
      index,
      userId: accounts[index]!.userId,
      socket: sockets[index]!,
      conversationId,
      recipients,
    });
  };

  await mapLimit(topology.pairs, 8, async ([a, b]) => {
    const conversationId = await openDirect(sockets[a]!, sockets[b]!, accounts[b]!.userId);
    add(a, conversationId, 1);
    add(b, conversationId, 1);
  });
  await mapLimit(topology.groups, 2, async (members) => {
    const [owner, ...rest] = members;
    const { conversation } = await call(sockets[owner!]!, 'groups.create', {
      name: `Bench group ${owner}`,
      memberIds: rest.map((i) => accounts[i]!.userId),
    });
    for (const index of members) add(index, conversation.id, members.length - 1);
  });

  clients.sort((x, y) => x.index - y.index);
  return new Fleet(clients, sockets);
}
