/**
 * One click, three short runs from the same seed — β constant, a cosine warm-up, cosine ramps with restarts — and
 * their β and perplexity side by side, so the effect of the schedule on codebook use is seen rather than read.
 */
import { useMemo, useState } from 'react';
import { openedDatasetFile, useDatasetStore } from '../../state/dataset-store';
import { useRunStore } from '../../state/run/run-store';
import { COMPARISON_VARIANTS, DEFAULT_COMPARISON_STEPS, startTeachingComparison, stopTeachingComparison, useTeachingComparison, type ComparisonRun } from '../../state/teaching-comparison';
import { trainingSourceFor } from '../../state/run/training-dataset';
import { ComparisonChart, type ComparisonLine } from './ComparisonChart';

const MIN_STEPS = 2;
const MAX_STEPS = 500;

function linesOf(runs: readonly ComparisonRun[], value: 'commitmentCost' | 'perplexity'): ComparisonLine[] {
  return COMPARISON_VARIANTS.map((variant) => {
    const points = runs.find((run) => run.id === variant.id)?.points ?? [];
    return { id: variant.id, label: variant.label, color: variant.color, points: points.filter((p) => Number.isFinite(p[value])).map((p) => ({ step: p.step, value: p[value] })) };
  });
}

function runStatusText(run: ComparisonRun, steps: number): string {
  const label = COMPARISON_VARIANTS.find((variant) => variant.id === run.id)?.label ?? run.id;
  const progress = run.status === 'running' || run.points.length > 0 ? ` (${run.points.length}/${steps} steps)` : '';
  return `${label}: ${run.status}${progress}${run.error ? ` — ${run.error}` : ''}`;
}

export function ComparisonPanel() {
  const { status, steps, runs } = useTeachingComparison();
  const mainBusy = useRunStore((state) => state.status === 'starting' || state.status === 'running');
  const datasetStatus = useDatasetStore((state) => state.status);
  const summary = useDatasetStore((state) => state.summary);
  const source = useMemo(() => trainingSourceFor({ status: datasetStatus, summary }, import.meta.env.BASE_URL, location.href, openedDatasetFile()), [datasetStatus, summary]);
  const [stepsText, setStepsText] = useState(String(DEFAULT_COMPARISON_STEPS));
  const [concurrent, setConcurrent] = useState(false);
  const chosenSteps = Number(stepsText);
  const stepsValid = Number.isInteger(chosenSteps) && chosenSteps >= MIN_STEPS && chosenSteps <= MAX_STEPS;
  const running = status === 'running';
  const canStart = source.ok && !running && !mainBusy && stepsValid;
  const betaLines = useMemo(() => linesOf(runs, 'commitmentCost'), [runs]);
  const perplexityLines = useMemo(() => linesOf(runs, 'perplexity'), [runs]);
  const start = () => {
    if (!source.ok) return;
    void startTeachingComparison(source.dataset, source.configName, useRunStore.getState().config, { steps: chosenSteps, concurrent });
  };
  return (
    <div className="teaching-comparison" data-testid="teaching-comparison" data-status={status}>
      <h3>Compare schedules</h3>
      <p className="teaching-note">
        Three runs of the tiny model on two 32-residue crops, from your seed and β range, each with a warm-up as long as the run: β constant, a cosine warm-up, and cosine ramps that restart.
        Watch how the perplexity (how many codes the encoder spreads residues over) follows β.
      </p>
      <div className="run-controls">
        <label className="teaching-steps">
          Steps per run{' '}
          <input type="number" min={MIN_STEPS} max={MAX_STEPS} value={stepsText} disabled={running} aria-invalid={!stepsValid} data-testid="teaching-compare-steps" onChange={(event) => setStepsText(event.currentTarget.value)} />
        </label>
        <label title="Each run gets its own workers; on a GPU this is faster, on a CPU it only shares the cores">
          <input type="checkbox" checked={concurrent} disabled={running} data-testid="teaching-compare-concurrent" onChange={(event) => setConcurrent(event.currentTarget.checked)} /> all three at once
        </label>
        <button type="button" data-testid="teaching-compare-start" disabled={!canStart} onClick={start}>
          Compare schedules
        </button>
        <button type="button" className="button-danger" data-testid="teaching-compare-stop" disabled={!running} onClick={stopTeachingComparison}>
          Stop
        </button>
        <span className="hint">
          {!source.ok ? source.reason : mainBusy ? 'Pause or stop the training run first: the comparison trains too.' : !stepsValid ? `Steps: a whole number from ${MIN_STEPS} to ${MAX_STEPS}.` : null}
        </span>
      </div>
      {status !== 'idle' && (
        <ul className="teaching-runs" data-testid="teaching-compare-status">
          {runs.map((run) => (
            <li key={run.id} data-run={run.id} data-status={run.status} className={run.status === 'failed' ? 'error' : undefined}>
              {runStatusText(run, steps)}
            </li>
          ))}
        </ul>
      )}
      <div className="teaching-grid">
        <ComparisonChart testId="teaching-beta-curves" title="β per run" lines={betaLines} />
        <ComparisonChart testId="teaching-perplexity-curves" title="Perplexity per run" lines={perplexityLines} />
      </div>
    </div>
  );
}
