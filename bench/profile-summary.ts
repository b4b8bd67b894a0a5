import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Reads a V8 `.cpuprofile` (node --cpu-prof) and ranks where the CPU time went. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  name: string;
  where: string;
  category: string;
  selfMs: number;
  /** Of the busy time (everything but idle). */
  selfPercent: number;
}

export interface ProfileSummary {
  durationMs: number;
  idlePercent: number;
  top: Frame[];
  categories: { category: string; selfPercent: number }[];
}

/** Which package or part of the program a script belongs to. */
export function categorize(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    return functionName || '(native)';
  }
  if (url.startsWith('node:'))
    return `node:${
      url
        .slice(5)
        .replace(/^internal\//, '')
        .split('/')[0]
    }`;
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (file.includes('/generated/prisma/')) return 'prisma (generated client)';
  if (file.includes('/apps/server/')) return 'confab server';
  if (file.includes('/packages/shared/')) return '@confab/shared';
  return path.basename(file);
}

function shortWhere(url: string, line: number): string {
  if (!url) return '';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  const shown =
    modules >= 0
      ? file.slice(modules + '/node_modules/'.length)
      : file.replace(/^.*\/(apps|packages)\//, '$1/');
  return `${shown}:${line + 1}`;
}

export function summarizeProfile(file: string, topN = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const frames = new Map<string, Frame>();
  const categories = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    totalUs += us;
    const category = categorize(url, functionName);
    if (category === 'idle') {
      idleUs += us;
      continue;
    }
    categories.set(category, (categories.get(category) ?? 0) + us);
    const key = `${functionName}|${url}|${lineNumber}`;
    const frame = frames.get(key) ?? {
      name: functionName || '(anonymous)',
      where: shortWhere(url, lineNumber),
      category,
      selfMs: 0,
      selfPercent: 0,
    };
    frame.selfMs += us / 1000;
    frames.set(key, frame);
  }
  const busyMs = (totalUs - idleUs) / 1000;
  const top = [...frames.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, topN)
    .map((frame) => ({
      ...frame,
      selfMs: Math.round(frame.selfMs),
      selfPercent: Math.round((frame.selfMs / busyMs) * 1000) / 10,
    }));
  return {
    durationMs: Math.round(totalUs / 1000),
    idlePercent: Math.round((idleUs / Math.max(totalUs, 1)) * 1000) / 10,
    top,
    categories: [...categories]
      .map(([category, us]) => ({ category, selfPercent: Math.round((us / 1000 / busyMs) * 1000) / 10 }))
      .sort((a, b) => b.selfPercent - a.selfPercent),
  };
}

// `tsx bench/profile-summary.ts <file.cpuprofile>` prints the summary of any profile.
if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const summary = summarizeProfile(process.argv[2]!, Number(process.argv[3] ?? 30));
  console.log(`duration ${summary.durationMs} ms, idle ${summary.idlePercent} %`);
  console.log('\nby package (self time, % of busy time):');
  for (const c of summary.categories.slice(0, 20))
    console.log(`  ${c.selfPercent.toFixed(1).padStart(5)} %  ${c.category}`);
  console.log('\ntop frames (self time):');
  for (const f of summary.top)
    console.log(`  ${f.selfPercent.toFixed(1).padStart(5)} %  ${f.name}  ${f.where}`);
}
