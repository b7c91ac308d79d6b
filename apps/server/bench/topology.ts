/**
 * Who talks to whom: the first half of the clients (rounded down to an even number) in 1:1
 * pairs, the rest in groups of `groupSize` (a remainder too small for a group joins the last
 * one). Each client belongs to exactly one conversation and sends only there.
 */
export interface Topology {
  /** Client indices of each 1:1 conversation. */
  pairs: [number, number][];
  /** Client indices of each group; the first is its creator. */
  groups: number[][];
}

export function buildTopology(clients: number, groupSize: number): Topology {
  let direct = Math.floor(clients / 2);
  if (direct % 2 === 1) direct -= 1;
  // Fewer than three left over cannot form a group: pair them instead.
  if (clients - direct < 3) direct = clients - ((clients - direct) % 2);

  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < direct; i += 2) pairs.push([i, i + 1]);

  const groups: number[][] = [];
  for (let start = direct; start < clients; start += groupSize) {
    const members: number[] = [];
    for (let i = start; i < Math.min(clients, start + groupSize); i++) members.push(i);
    const last = groups.at(-1);
    if (members.length < 3 && last) last.push(...members);
    else groups.push(members);
  }
  return { pairs, groups };
}

/** Conversation members other than the sender, averaged over senders (each sends equally often). */
export function meanRecipients(topology: Topology, clients: number): number {
  let total = topology.pairs.length * 2;
  for (const group of topology.groups) total += group.length * (group.length - 1);
  return clients === 0 ? 0 : total / clients;
}
