import { readdirSync, readFileSync } from 'node:fs';

/** CPU and memory of processes, read from /proc (Linux). */

const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  cpuSeconds: number;
  rssBytes: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; the rest follows its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssPages = Number(fields[21]);
    return { ppid, cpuSeconds: ticks / TICKS_PER_SECOND, rssBytes: rssPages * 4096 };
  } catch {
    return null;
  }
}

/** Resident set size of one process, from /proc/<pid>/status (VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    if (readStat(Number(name))?.ppid === parent) pids.push(Number(name));
  }
  return pids;
}

/** A named group of processes: one pid, or a parent and all its children (PostgreSQL's backends). */
export interface ProcessGroup {
  name: string;
  pids(): number[];
}

export const single = (name: string, pid: number): ProcessGroup => ({ name, pids: () => [pid] });
export const withChildren = (name: string, pid: number): ProcessGroup => ({
  name,
  pids: () => [pid, ...childrenOf(pid)],
});

export interface CpuSample {
  at: number;
  seconds: Map<string, Map<number, number>>;
  /** CPU seconds the whole machine spent busy (all cores), from /proc/stat. */
  machineBusy: number;
}

function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

export function sampleCpu(groups: ProcessGroup[]): CpuSample {
  const seconds = new Map<string, Map<number, number>>();
  for (const group of groups) {
    const perPid = new Map<number, number>();
    for (const pid of group.pids()) {
      const stat = readStat(pid);
      if (stat) perPid.set(pid, stat.cpuSeconds);
    }
    seconds.set(group.name, perPid);
  }
  return { at: performance.now(), seconds, machineBusy: machineBusySeconds() };
}

/** CPU used per group between two samples, in % of one core (200 % = both cores of this machine). */
export function cpuPercent(before: CpuSample, after: CpuSample): Record<string, number> {
  const elapsed = (after.at - before.at) / 1000;
  const result: Record<string, number> = {};
  for (const [name, perPid] of after.seconds) {
    const earlier = before.seconds.get(name) ?? new Map<number, number>();
    let used = 0;
    // Processes that started in between (new PostgreSQL backends) count from zero.
    for (const [pid, seconds] of perPid) used += seconds - (earlier.get(pid) ?? 0);
    result[name] = Math.round((used / elapsed) * 100);
  }
  // Everything else on the machine (other people's tests, the kernel): a run is only as clean as this is low.
  const machine = Math.round(((after.machineBusy - before.machineBusy) / elapsed) * 100);
  const ours = Object.values(result).reduce((sum, value) => sum + value, 0);
  result.other = Math.max(0, machine - ours);
  return result;
}
