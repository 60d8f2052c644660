import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by group of processes, read from /proc (Linux; elsewhere every
 * figure is 0). It tells where the time of a load goes on a machine whose
 * cores are shared by the load generator, the server under test, PostgreSQL
 * and other jobs. Resolution: the kernel's clock tick (10 ms), per process.
 */

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every common Linux). */
const TICKS_PER_SECOND = 100;

export interface CpuSample {
  /** CPU milliseconds (user + system) by pid, each pid under one group. */
  readonly processes: ReadonlyMap<number, { readonly group: string; readonly ms: number }>;
  /** CPU milliseconds the whole machine was busy (user, nice, system, irq, softirq; not steal). */
  readonly machineMs: number;
}

/** CPU milliseconds spent between two samples, by group, by the machine, and by every other process. */
export type CpuSpent = Record<string, number> & { machine: number; other: number };

function readStat(pid: number): { ppid: number; ms: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined; // gone, or no /proc
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

function machineBusyMs(): number {
  try {
    const [, user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    return ((user + nice + system + irq + softirq) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

const BACKGROUND = /^postgres: (?:[\w./-]+: )?(checkpointer|background writer|walwriter|wal writer|autovacuum launcher|io worker|logical replication launcher)/;

/**
 * The PostgreSQL processes working for `database`: its backends (the process
 * title names the database) and the background processes of the same server
 * (WAL writer, checkpointer, ...); backends of other databases are left out.
 */
export function postgresPids(database: string): number[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
  const titles = new Map(pids.map((pid) => [pid, commandLine(pid)] as const));
  const backends = pids.filter((pid) => titles.get(pid)!.startsWith('postgres: ') && titles.get(pid)!.split(' ').includes(database));
  const servers = new Set(backends.map((pid) => readStat(pid)?.ppid));
  const background = pids.filter((pid) => BACKGROUND.test(titles.get(pid)!) && servers.has(readStat(pid)?.ppid));
  return [...backends, ...background];
}

export function cpuSample(groups: Readonly<Record<string, readonly number[]>>): CpuSample {
  const processes = new Map<number, { group: string; ms: number }>();
  for (const [group, pids] of Object.entries(groups)) {
    for (const pid of pids) {
      const stat = readStat(pid);
      if (stat) processes.set(pid, { group, ms: stat.ms });
    }
  }
  return { processes, machineMs: machineBusyMs() };
}

/** A process seen only at the end started in between: all of its time counts. One gone by the end is lost. */
export function cpuSpent(start: CpuSample, end: CpuSample): CpuSpent {
  const spent: Record<string, number> = {};
  let ours = 0;
  for (const [pid, { group, ms }] of end.processes) {
    const delta = ms - (start.processes.get(pid)?.ms ?? 0);
    spent[group] = (spent[group] ?? 0) + delta;
    ours += delta;
  }
  for (const { group } of start.processes.values()) spent[group] ??= 0;
  const machine = end.machineMs - start.machineMs;
  return { ...spent, machine, other: Math.max(0, machine - ours) } as CpuSpent;
}

export const addCpu = (a: CpuSpent | undefined, b: CpuSpent): CpuSpent => {
  if (!a) return b;
  const sum: Record<string, number> = { ...a };
  for (const [group, ms] of Object.entries(b)) sum[group] = (sum[group] ?? 0) + ms;
  return sum as CpuSpent;
};
