import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Reads a V8 `.heapsnapshot` and sums the self size of its objects by type and constructor. */

export interface HeapGroup {
  what: string;
  count: number;
  bytes: number;
}

export interface HeapSummary {
  totalBytes: number;
  groups: HeapGroup[];
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

export function summarizeHeap(file: string, top = 25): HeapSummary {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const groups = new Map<string, HeapGroup>();
  let totalBytes = 0;
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]!]!;
    const name = /string/.test(type) ? '' : type === 'code' ? '' : strings[nodes[i + nameAt]!]!.slice(0, 50);
    const what = name ? `${type} ${name}` : type;
    const bytes = nodes[i + sizeAt]!;
    totalBytes += bytes;
    const group = groups.get(what) ?? { what, count: 0, bytes: 0 };
    group.count++;
    group.bytes += bytes;
    groups.set(what, group);
  }
  return { totalBytes, groups: [...groups.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top) };
}

// `tsx bench/heap-summary.ts <file.heapsnapshot>` prints the summary of any snapshot.
if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const summary = summarizeHeap(process.argv[2]!, Number(process.argv[3] ?? 30));
  console.log(`total ${(summary.totalBytes / 2 ** 20).toFixed(1)} MiB`);
  for (const g of summary.groups) {
    console.log(
      `${(g.bytes / 2 ** 20).toFixed(2).padStart(8)} MiB ${String(g.count).padStart(9)}  ${g.what}`,
    );
  }
}
