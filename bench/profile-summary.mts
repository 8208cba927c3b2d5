/**
 * Where a process spent its CPU, from a V8 .cpuprofile (node --cpu-prof): self time by
 * package (node_modules/<name>, Bro's own code, node internals, garbage collection,
 * idle) and the top functions.
 *
 *   ./bro node bench/profile-summary.mts <file.cpuprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

function bucket(n: Node): string {
  const { url, functionName } = n.callFrame;
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program: native, compiling)';
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes('/dist/libs/') || url.includes('/dist/apps/')) return `bro: ${/dist\/((libs|apps)\/[^/]+)/.exec(url)?.[1]}`;
  if (url.startsWith('node:') || url === '') return `node internals${functionName ? '' : ''}`;
  return url;
}

const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const busy = total - [...selfUs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
const packages = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  packages.set(bucket(n), (packages.get(bucket(n)) ?? 0) + us);
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${n.callFrame.lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + us);
}
const pctOf = (us: number, of: number) => `${((100 * us) / of).toFixed(1).padStart(5)} %`;
const lines = [
  `profile: ${file}`,
  `sampled ${(total / 1e6).toFixed(1)} s, busy (not idle) ${(busy / 1e6).toFixed(1)} s`,
  '',
  'self time by package (share of busy time):',
  ...[...packages]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `  ${pctOf(us, busy)}  ${k}`),
  '',
  `top ${top} functions by self time:`,
  ...[...functions]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `  ${pctOf(us, busy)}  ${k}`),
];
process.stdout.write(`${lines.join('\n')}\n`);
