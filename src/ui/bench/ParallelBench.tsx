import { SAMPLE_DATASET } from '../../state/dataset-store';
import { TRAINING_BACKENDS, type TrainingBackendChoice } from '../../protocol/run-config';
import {
  startParallelBench,
  useParallelBenchStore,
  type ParallelBenchCase,
  type ParallelBenchRow,
  type ParallelBenchSettings,
} from '../../state/bench/parallel-bench-store';
import { ResultsTable } from './ResultsTable';

/**
 * What to time, from the page's query: `parallelPresets=tiny,teaching`, `parallelBackends=webgpu,wasm,cpu`
 * (`training.backend`; default auto), `parallelTrainers=1,2,4`,
 * `parallelSteps=tiny:5,teaching:3` (or one number for every preset), `parallelBatch=2`,
 * `parallelMaxResidues=64`, `parallelWarmup=2`.
 */
export function parallelBenchFromQuery(query: URLSearchParams): {
  cases: ParallelBenchCase[];
  settings: ParallelBenchSettings;
} {
  const list = (name: string, fallback: string) =>
    (query.get(name) ?? fallback)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const steps = new Map(
    list('parallelSteps', 'tiny:5,teaching:3')
      .map((entry) => entry.split(':') as [string, string?])
      .map(([a, b]) => (b === undefined ? ['*', Number(a)] : [a, Number(b)])),
  );
  const presets = list('parallelPresets', 'tiny,teaching');
  const trainers = list('parallelTrainers', '1,2,4').map(Number);
  const backends = list('parallelBackends', 'auto').map(backendOf);
  const cases = presets.flatMap((preset) =>
    backends.flatMap((backend) =>
      trainers.map((count) => ({ preset, backend, trainers: count, steps: steps.get(preset) ?? steps.get('*') ?? 6 })),
    ),
  );
  const settings = {
    batchSize: Number(query.get('parallelBatch') ?? 2),
    maxResidues: Number(query.get('parallelMaxResidues') ?? 64),
    warmupSteps: Number(query.get('parallelWarmup') ?? 2),
  };
  return { cases, settings };
}

function backendOf(name: string): TrainingBackendChoice {
  const found = TRAINING_BACKENDS.find((backend) => backend === name);
  if (!found) throw new Error(`parallelBackends: unknown backend '${name}' (known: ${TRAINING_BACKENDS.join(', ')})`);
  return found;
}

function ResultCells({ row }: { row: ParallelBenchRow }) {
  if (!row.ok)
    return (
      <td colSpan={7} className="error">
        {row.error}
      </td>
    );
  return (
    <>
      <td>{row.effectiveBatch}</td>
      <td>{row.stepMs.toFixed(0)}</td>
      <td>{row.stepsPerSecond.toFixed(3)}</td>
      <td>{row.residuesPerSecond.toFixed(0)}</td>
      <td>{row.exchangeMs.toFixed(1)}</td>
      <td>{(row.exchangeShare * 100).toFixed(1)} %</td>
      <td>{row.exchange}</td>
    </>
  );
}

/** Data-parallel training speed: a few real optimizer steps per preset and trainer count. */
export function ParallelBench() {
  const { status, current, rows, adapter } = useParallelBenchStore();
  const { cases, settings } = parallelBenchFromQuery(new URLSearchParams(location.search));
  const dataset = {
    kind: 'sample' as const,
    url: new URL(SAMPLE_DATASET.path, new URL(import.meta.env.BASE_URL, location.href)).href,
    name: SAMPLE_DATASET.name,
  };
  return (
    <section className="panel" data-testid="parallel-bench" data-status={status}>
      <h2>Data-parallel training</h2>
      <p>
        {cases.length} runs ({[...new Set(cases.map((c) => c.preset))].join(', ')} ×{' '}
        {[...new Set(cases.map((c) => c.backend))].join(', ')} × {[...new Set(cases.map((c) => c.trainers))].join(', ')}{' '}
        trainers), batch {settings.batchSize} of at most {settings.maxResidues} residues per trainer; the first{' '}
        {settings.warmupSteps} steps of each run are left out.
      </p>
      <button
        type="button"
        data-testid="run-parallel-bench"
        disabled={status === 'running'}
        onClick={() => void startParallelBench(cases, settings, dataset)}
      >
        Time data-parallel training
      </button>
      {current && <p className="status">Running {current}…</p>}
      {adapter && (
        <p data-testid="parallel-adapter" data-adapter={JSON.stringify(adapter)}>
          Adapter:{' '}
          {adapter.available
            ? `${adapter.description || adapter.vendor} (${adapter.architecture}${adapter.isFallbackAdapter ? ', fallback' : ''})`
            : adapter.reason}
        </p>
      )}
      {rows.length > 0 && (
        <ResultsTable
          testId="parallel-results"
          columns={[
            'preset',
            'backend',
            'trainers',
            'effective batch',
            'step (ms)',
            'steps/s',
            'residues/s',
            'all-reduce (ms)',
            'all-reduce share',
            'exchange',
          ]}
          rows={rows}
          keyOf={(row) => `${row.preset}-${row.requestedBackend}-${row.requestedTrainers}`}
          dataOf={(row) => ({ 'data-result': JSON.stringify(row) })}
          cells={(row) => (
            <>
              <td>{row.preset}</td>
              <td>{row.ok ? row.backend : row.requestedBackend}</td>
              <td>{row.ok ? row.trainers : row.requestedTrainers}</td>
              <ResultCells row={row} />
            </>
          )}
        />
      )}
    </section>
  );
}
