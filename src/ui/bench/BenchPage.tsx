import { useState } from 'react';
import { SAMPLE_DATASET } from '../../state/dataset-store';
import { startBenchmark, startComparison, startF16Check, useBenchStore } from '../../state/bench/bench-store';
import { BoundedNumber } from './BoundedNumber';
import { F16CheckResult } from './F16CheckResult';
import { ParallelBench } from './ParallelBench';
import { ResultsTable } from './ResultsTable';

const PRESETS = ['tiny', 'teaching', 'foldtree2'] as const;
/** tfjs backends the model timings cover, unless the query names others (`backends=webgpu,cpu`). */
const BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;

function sampleUrl(): string {
  return new URL(SAMPLE_DATASET.path, new URL(import.meta.env.BASE_URL, location.href)).href;
}

/** Measures this browser: model time per preset and backend, and WebGPU's agreement with the CPU reference. */
export function BenchPage() {
  const { status, timings, comparison, f16Check, error } = useBenchStore();
  const query = new URLSearchParams(location.search);
  const [presets, setPresets] = useState<string[]>(query.get('presets')?.split(',') ?? ['tiny', 'teaching']);
  const [proteins, setProteins] = useState(Number(query.get('proteins') ?? 2));
  const [maxLength, setMaxLength] = useState(Number(query.get('maxLength') ?? 64));
  const backends = query.get('backends')?.split(',') ?? BACKENDS;
  const batch = { sampleUrl: sampleUrl(), proteins, offset: 0, maxLength };
  const busy = status === 'running';
  const toggle = (preset: string) =>
    setPresets((p) => (p.includes(preset) ? p.filter((x) => x !== preset) : [...p, preset]));
  return (
    <div className="studio">
      <header className="studio-header">
        <h1>FoldTree Studio · benchmark</h1>
        <p className="tagline">
          Times the tokenizer on this browser's backends with real proteins from the bundled sample.{' '}
          <a href="./">Back to the studio</a>
        </p>
      </header>
      <section className="panel">
        <div className="file-picker">
          {PRESETS.map((preset) => (
            <label key={preset}>
              <input
                type="checkbox"
                checked={presets.includes(preset)}
                onChange={() => toggle(preset)}
                disabled={busy}
              />{' '}
              {preset}
            </label>
          ))}
          <BoundedNumber label="proteins" min={1} max={16} value={proteins} onChange={setProteins} disabled={busy} />
          <BoundedNumber
            label="max length"
            min={16}
            max={1024}
            value={maxLength}
            onChange={setMaxLength}
            disabled={busy}
          />
          <button
            type="button"
            data-testid="run-benchmark"
            disabled={busy || presets.length === 0}
            onClick={() => void startBenchmark(batch, presets, backends, 3)}
          >
            Time forward and backward
          </button>
          <button
            type="button"
            data-testid="run-comparison"
            disabled={busy}
            onClick={() => void startComparison(batch, 'tiny', ['cpu', 'webgpu'])}
          >
            Compare WebGPU with CPU
          </button>
          <button
            type="button"
            data-testid="run-f16-check"
            disabled={busy}
            onClick={() => void startF16Check(batch, 'tiny')}
          >
            Check the f16 matMul kernel
          </button>
        </div>
        {busy && <p className="status">Running…</p>}
        {error && (
          <p className="error" role="alert" data-testid="bench-error">
            {error}
          </p>
        )}
        {comparison && (
          <p
            data-testid="comparison"
            data-loss-relative={comparison.loss.relative}
            data-gradient-relative={comparison.gradient.relative}
          >
            {comparison.preset} preset, {comparison.backends[1]} vs {comparison.backends[0]}: losses differ by at most{' '}
            {comparison.loss.relative.toExponential(2)} (relative, at {comparison.loss.at}), gradients by{' '}
            {comparison.gradient.relative.toExponential(2)} (at {comparison.gradient.at}).
          </p>
        )}
        {f16Check && <F16CheckResult check={f16Check} />}
        {timings.length > 0 && (
          <ResultsTable
            testId="timings"
            columns={[
              'preset',
              'backend',
              'parameters',
              'proteins × length',
              'forward (ms)',
              'forward + backward (ms)',
            ]}
            rows={timings}
            keyOf={(t) => `${t.preset}-${t.backend}`}
            dataOf={(t) => ({ 'data-timing': JSON.stringify(t) })}
            cells={(t) => (
              <>
                <td>{t.preset}</td>
                <td>{t.backend}</td>
                <td>{t.parameters.toLocaleString()}</td>
                <td>
                  {t.proteins} × {t.paddedLength}
                </td>
                <td>{t.forwardMs.toFixed(0)}</td>
                <td>{t.forwardBackwardMs.toFixed(0)}</td>
              </>
            )}
          />
        )}
      </section>
      <ParallelBench />
    </div>
  );
}
