/**
 * Resident memory of a process tree, read from Linux's /proc: how much the browser (its renderer with every worker,
 * and its GPU process, where SwiftShader's "GPU" memory lives) holds while a benchmark runs. A sampler keeps the
 * peak between marks, so each benchmark case gets the peak the browser reached while it ran.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;

/** One row of the process table. */
export interface ProcessEntry {
  readonly pid: number;
  readonly parent: number;
  /** The command name (`comm`), e.g. `chromium`. */
  readonly name: string;
}

/** Every process, from /proc/<pid>/stat (the command name may hold spaces and parentheses). */
function processTable(): ProcessEntry[] {
  const table: ProcessEntry[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      table.push({ pid: Number(entry), parent: Number(fields[1]), name: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // The process ended while we listed it.
    }
  }
  return table;
}

/** The processes below `root` (not `root` itself) whose command name `keep` accepts. */
export function descendants(
  root: number,
  keep: (name: string) => boolean,
  table: readonly ProcessEntry[] = processTable(),
): number[] {
  const children = new Map<number, ProcessEntry[]>();
  for (const entry of table) children.set(entry.parent, [...(children.get(entry.parent) ?? []), entry]);
  const found: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const entry = stack.pop() as ProcessEntry;
    if (keep(entry.name)) found.push(entry.pid);
    stack.push(...(children.get(entry.pid) ?? []));
  }
  return found;
}

/** Resident bytes of these processes together (ones that ended count 0). */
export function residentBytes(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const resident = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
      total += resident * PAGE_BYTES;
    } catch {
      // Gone.
    }
  }
  return total;
}

/** Samples the tree's resident memory on a timer; `mark()` starts a new interval and returns the last one's figures. */
export class MemorySampler {
  private timer: NodeJS.Timeout | null = null;
  private peak = 0;
  private idle: number | null = null;

  /** The processes below `rootPid` whose command name matches `name` (e.g. /chrom/i: the browser, not the web server). */
  constructor(
    private readonly rootPid: number,
    private readonly name: RegExp,
    private readonly intervalMs = 200,
  ) {}

  /** True where /proc can be read (Linux); elsewhere the report leaves memory out. */
  static available(): boolean {
    try {
      readFileSync('/proc/self/statm', 'utf8');
      return true;
    } catch {
      return false;
    }
  }

  private sample(): number {
    const bytes = residentBytes(descendants(this.rootPid, (name) => this.name.test(name)));
    this.peak = Math.max(this.peak, bytes);
    return bytes;
  }

  /** Samples once (the idle figure) and then every interval. */
  start(): void {
    this.idle = this.sample();
    this.mark();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** The browser's memory when `start` was called, MiB. */
  idleMiB(): number | null {
    return this.idle === null ? null : this.idle / 2 ** 20;
  }

  /** The peak since the last mark, MiB; the next interval starts now. */
  mark(): number {
    const peak = Math.max(this.peak, this.sample());
    this.peak = 0;
    return peak / 2 ** 20;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
