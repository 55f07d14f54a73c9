/** The benchmark page: which presets/backends to time, the timings so far, and a backend comparison. */
import { create } from 'zustand';
import { benchmarkInWorker, checkF16InWorker, compareBackendsInWorker } from '../../client/model-bench-client';
import type { BackendComparison, BenchBatchSpec, F16Check, ModelTiming } from '../../protocol/model-bench-messages';

export interface BenchState {
  readonly status: 'idle' | 'running' | 'done' | 'error';
  readonly timings: readonly ModelTiming[];
  readonly comparison: BackendComparison | null;
  readonly f16Check: F16Check | null;
  readonly error: string | null;
}

export const useBenchStore = create<BenchState>()(() => ({
  status: 'idle',
  timings: [],
  comparison: null,
  f16Check: null,
  error: null,
}));

async function run(task: () => Promise<void>): Promise<void> {
  useBenchStore.setState({ status: 'running', error: null });
  try {
    await task();
    useBenchStore.setState({ status: 'done' });
  } catch (error) {
    useBenchStore.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
  }
}

export function startBenchmark(
  batch: BenchBatchSpec,
  presets: readonly string[],
  backends: readonly string[],
  repeats: number,
): Promise<void> {
  useBenchStore.setState({ timings: [] });
  return run(() =>
    benchmarkInWorker(batch, presets, backends, repeats, (timing) =>
      useBenchStore.setState((s) => ({ timings: [...s.timings, timing] })),
    ),
  );
}

export function startComparison(
  batch: BenchBatchSpec,
  preset: string,
  backends: readonly [string, string],
): Promise<void> {
  useBenchStore.setState({ comparison: null });
  return run(async () =>
    useBenchStore.setState({ comparison: await compareBackendsInWorker(batch, preset, backends) }),
  );
}

export function startF16Check(batch: BenchBatchSpec, preset: string): Promise<void> {
  useBenchStore.setState({ f16Check: null });
  return run(async () => useBenchStore.setState({ f16Check: await checkF16InWorker(batch, preset) }));
}
