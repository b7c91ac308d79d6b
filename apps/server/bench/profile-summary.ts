import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** Where a script lives, shortened: a package name, a path under the repo, or a node: module. */
function place(url: string): string {
  if (url === '') return '';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (pkg) return `${pkg[1]}/${pkg[2]}`;
  const repo = /\/(apps|packages)\/(.*)$/.exec(path);
  if (repo) return `${repo[1]}/${repo[2]}`;
  return path;
}

/** The layer a script belongs to, for the breakdown: a package, or a folder of the server. */
function layer(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg) return pkg[1]!;
  const server = /\/apps\/server\/src\/((?:[^/]+\/)?)/.exec(path);
  if (server) return `server src/${server[1] ?? ''}`;
  if (path.includes('/apps/server/bench/')) return 'bench harness';
  const own = /\/packages\/([^/]+)\//.exec(path);
  if (own) return `@parley/${own[1]}`;
  if (path.startsWith('node:')) return 'node internals';
  return path === '' ? 'native' : path;
}

/**
 * The hottest functions of a V8 .cpuprofile by self time, and self time by layer (with native
 * code such as SQLite counted under the layer that called it), as printable lines.
 */
export function summarizeProfile(file: string, top: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);

  const hits = new Map<number, number>();
  if (profile.samples) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  const all = [...hits.values()].reduce((a, b) => a + b, 0);
  if (all === 0) return ['  (no samples)'];
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const msPerHit = wallMs / all;
  const idleId = profile.nodes.find((n) => n.callFrame.functionName === '(idle)')?.id;
  const total = all - (idleId === undefined ? 0 : (hits.get(idleId) ?? 0));
  if (total === 0) return ['  (the main thread was idle throughout)'];

  const layerOf = (node: ProfileNode): string => {
    const name = node.callFrame.functionName;
    if (name.startsWith('(')) return name;
    if (node.callFrame.url !== '') return layer(node.callFrame.url);
    // Native code: charge it to the JavaScript that called it.
    let up = parent.get(node.id);
    while (up?.callFrame.url === '' && !up.callFrame.functionName.startsWith('(')) up = parent.get(up.id);
    return up ? `native, from ${layerOf(up)}` : 'native';
  };

  const fns = new Map<string, number>();
  const layers = new Map<string, number>();
  for (const [id, n] of hits) {
    const node = byId.get(id);
    if (!node || n === 0 || id === idleId) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = place(url);
    const key = `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + n);
    const l = layerOf(node);
    layers.set(l, (layers.get(l) ?? 0) + n);
  }

  const lines = (map: Map<string, number>, count: number): string[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(
        ([key, n]) =>
          `  ${((n / total) * 100).toFixed(1).padStart(5)}%  ${(n * msPerHit).toFixed(0).padStart(6)} ms  ${key}`,
      );

  return [
    `  main thread busy ${((total * msPerHit) / 1000).toFixed(1)} s of ${(wallMs / 1000).toFixed(1)} s ` +
      `(${((total / all) * 100).toFixed(0)}%); shares below are of the busy time`,
    '  by layer:',
    ...lines(layers, 12),
    '  by function:',
    ...lines(fns, top),
  ];
}
