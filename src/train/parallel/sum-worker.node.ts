/**
 * Test helper: a trainer rank in a real `worker_threads` thread that hands in planned vectors through either
 * transport, plus the plan and the independent reference sum. Imported by tests on the main thread; the same
 * file is the worker's body when loaded in a thread. Node only.
 */
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { createRng } from '../../shared/seeded-rng';
import { messageSumClient } from './message-sum';
import { sharedSumClient } from './shared-sum';
import { SumAborted, type SumClient } from './sum-exchange';

export interface SumWorkerJob {
  readonly form: 'shared' | 'message';
  readonly rank: number;
  readonly worldSize: number;
  /** For `shared`: from `createSharedSumBuffer`. */
  readonly buffer?: SharedArrayBuffer;
  /** For `message`: this rank's end of its channel to the coordinator. */
  readonly port?: MessagePort;
  /** One vector per round this rank takes part in. */
  readonly vectors: readonly Float32Array[];
  /** Sleep before each hand-in, ms (missing = 0). */
  readonly delaysMs?: readonly number[];
  /** Removes `Atomics.waitAsync` in the thread, to exercise the polling fallback. */
  readonly pollOnly?: boolean;
}

export type SumWorkerReport =
  | { readonly type: 'result'; readonly round: number; readonly values: Float32Array }
  | {
      readonly type: 'rejected';
      readonly round: number;
      readonly name: string;
      readonly message: string;
      readonly reason: string | null;
    };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `job` in a new thread; resolves with what its rank got, in order, once the thread exits. */
export function runSumWorker(job: SumWorkerJob): Promise<SumWorkerReport[]> {
  const self = new URL(import.meta.url).href;
  // Node cannot load .ts in a thread by itself; tsx (resolved from the repo root, where tests run) compiles it.
  const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(self)}, ${JSON.stringify(self)}))`;
  const worker = new Worker(boot, { eval: true, workerData: job, transferList: job.port ? [job.port] : [] });
  const reports: SumWorkerReport[] = [];
  return new Promise((resolve, reject) => {
    worker.on('message', (report: SumWorkerReport) => reports.push(report));
    worker.on('error', reject);
    worker.on('exit', (code) =>
      code === 0 ? resolve(reports) : reject(new Error(`rank ${job.rank} exited with ${code}`)),
    );
  });
}

async function workerBody(job: SumWorkerJob, parent: MessagePort): Promise<void> {
  if (job.pollOnly) Reflect.deleteProperty(Atomics, 'waitAsync');
  // A pending Atomics.waitAsync does not keep a Node thread alive; a trainer's open port would.
  const keepAlive = setInterval(() => undefined, 60_000);
  const client: SumClient =
    job.form === 'shared' && job.buffer
      ? sharedSumClient(job.buffer, job.rank, job.worldSize)
      : job.port
        ? messageSumClient(job.port, job.rank)
        : (() => {
            throw new Error('job has neither buffer nor port');
          })();
  for (const [index, vector] of job.vectors.entries()) {
    const round = index + 1;
    await sleep(job.delaysMs?.[index] ?? 0);
    try {
      parent.postMessage({ type: 'result', round, values: await client.sum(vector) } satisfies SumWorkerReport);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      const reason = error instanceof SumAborted ? error.reason : null;
      parent.postMessage({ type: 'rejected', round, name, message, reason } satisfies SumWorkerReport);
      break;
    }
  }
  clearInterval(keepAlive);
  job.port?.close();
}

if (!isMainThread && parentPort) void workerBody(workerData as SumWorkerJob, parentPort);

/** Vectors for `worldSize` ranks over `lengths.length` rounds, spanning 2^-20..2^20 so summation order shows in the bits. */
export function planVectors(seed: number, worldSize: number, lengths: readonly number[]): Float32Array[][] {
  const rng = createRng(0x5e3, seed);
  return Array.from({ length: worldSize }, () =>
    lengths.map((length) => Float32Array.from({ length }, () => (rng.nextFloat() - 0.5) * 2 ** (rng.nextInt(41) - 20))),
  );
}

/** Independent reference: float32 accumulation in rank order with `Math.fround` after every addition. */
export function referenceSum(parts: readonly Float32Array[]): Float32Array {
  const length = parts[0]?.length ?? 0;
  return Float32Array.from({ length }, (_, i) =>
    parts.reduce((acc, part, r) => (r === 0 ? Math.fround(part[i] ?? NaN) : Math.fround(acc + (part[i] ?? NaN))), 0),
  );
}

/** The float32 bit patterns, for bit-exact comparison. */
export function bits(values: Float32Array): number[] {
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));
}
