/**
 * One click, the measured commitment-schedule experiment: β constant, a cosine warm-up and cosine ramps with
 * restarts, each from three seeds; their β, perplexity, codes in use and reconstruction loss as mean lines over
 * seed bands, a codebook map per schedule, and what the runs showed in words.
 */
import { useMemo, useState } from 'react';
import { useRunStore } from '../../state/run/run-store';
import {
  startTeachingComparison,
  stopTeachingComparison,
  useTeachingComparison,
  type ComparisonRun,
} from '../../state/teaching/teaching-comparison';
import { COMPARISON_ARMS, COMPARISON_SCENARIO, COMPARISON_STEP_RANGE } from '../../state/teaching/comparison-scenario';
import {
  armSummary,
  bandOf,
  comparisonFindings,
  type ArmSummary,
  type ComparisonValue,
} from '../../state/teaching/comparison-summary';
import { StopButton } from '../run/StopButton';
import { useTrainingSource } from '../run/use-training-source';
import { BandChart, type BandLine } from './BandChart';
import { CodebookMap } from './CodebookMap';
import { ComparisonLegend } from './ComparisonLegend';

function linesOf(runs: readonly ComparisonRun[], value: ComparisonValue): BandLine[] {
  return COMPARISON_ARMS.map((arm) => ({
    id: arm.id,
    label: arm.label,
    color: arm.color,
    points: bandOf(
      runs.filter((run) => run.arm === arm.id).map((run) => run.points),
      value,
    ),
  }));
}

function summariesOf(runs: readonly ComparisonRun[]): ArmSummary[] {
  return COMPARISON_ARMS.flatMap(
    (arm) =>
      armSummary(
        arm.id,
        arm.label,
        runs.filter((run) => run.arm === arm.id && run.status === 'finished').map((run) => run.points),
      ) ?? [],
  );
}

function runStatusText(run: ComparisonRun, steps: number): string {
  const label = COMPARISON_ARMS.find((arm) => arm.id === run.arm)?.label ?? run.arm;
  const progress = run.status === 'running' || run.points.length > 0 ? ` (${run.points.length}/${steps} steps)` : '';
  return `${label}, seed ${run.seed}: ${run.status}${progress}${run.error ? ` — ${run.error}` : ''}`;
}

const s = COMPARISON_SCENARIO;

export function ComparisonPanel() {
  const { status, steps, seeds, runs } = useTeachingComparison();
  const mainBusy = useRunStore((state) => state.status === 'starting' || state.status === 'running');
  const source = useTrainingSource();
  const [stepsText, setStepsText] = useState(String(s.steps));
  const [twoLanes, setTwoLanes] = useState(false);
  const chosenSteps = Number(stepsText);
  const stepsValid =
    Number.isInteger(chosenSteps) &&
    chosenSteps >= COMPARISON_STEP_RANGE.min &&
    chosenSteps <= COMPARISON_STEP_RANGE.max;
  const running = status === 'running';
  const canStart = source.ok && !running && !mainBusy && stepsValid;
  const charts = useMemo(
    () => ({
      beta: linesOf(runs, 'commitmentCost'),
      perplexity: linesOf(runs, 'perplexity'),
      used: linesOf(runs, 'usedCodes'),
      reconstruction: linesOf(runs, 'reconstruction'),
    }),
    [runs],
  );
  const summaries = useMemo(() => summariesOf(runs), [runs]);
  const findings = status === 'done' ? comparisonFindings(summaries, s.codes) : [];
  const start = () => {
    if (!source.ok) return;
    void startTeachingComparison(source.dataset, source.configName, useRunStore.getState().config, {
      steps: chosenSteps,
      lanes: twoLanes ? 2 : 1,
    });
  };
  return (
    <div className="teaching-comparison" data-testid="teaching-comparison" data-status={status}>
      <h3>Compare schedules</h3>
      <p className="teaching-note">
        {COMPARISON_ARMS.length} schedules × {s.seeds} seeds (your seed and the next {s.seeds - 1}) of the tiny model
        with a {s.codes}-code EMA codebook started from encoder outputs, no dead-code reset, batches of two{' '}
        {s.maxResidues}-residue crops, AdamW at {s.learningRate}, VQ weight {s.vqWeight}, β from {s.betaStart} to{' '}
        {s.betaEnd} over the whole run. Only the schedule differs; the runs use your backend. About two minutes on a
        2-core CPU without a GPU.
      </p>
      <div className="run-controls">
        <label className="teaching-steps">
          Steps per run{' '}
          <input
            type="number"
            min={COMPARISON_STEP_RANGE.min}
            max={COMPARISON_STEP_RANGE.max}
            value={stepsText}
            disabled={running}
            aria-invalid={!stepsValid}
            data-testid="teaching-compare-steps"
            onChange={(event) => setStepsText(event.currentTarget.value)}
          />
        </label>
        <label title="Two runs at a time, each with its own workers; on a GPU this is faster, on a 2-core CPU it only shares the cores">
          <input
            type="checkbox"
            checked={twoLanes}
            disabled={running}
            data-testid="teaching-compare-concurrent"
            onChange={(event) => setTwoLanes(event.currentTarget.checked)}
          />{' '}
          two at a time
        </label>
        <button type="button" data-testid="teaching-compare-start" disabled={!canStart} onClick={start}>
          Compare schedules
        </button>
        <StopButton testId="teaching-compare-stop" disabled={!running} onStop={stopTeachingComparison} />
        <span className="hint">
          {!source.ok
            ? source.reason
            : mainBusy
              ? 'Pause or stop the training run first: the comparison trains too.'
              : !stepsValid
                ? `Steps: a whole number from ${COMPARISON_STEP_RANGE.min} to ${COMPARISON_STEP_RANGE.max}.`
                : null}
        </span>
      </div>
      {status !== 'idle' && (
        <details className="teaching-runs-details" open={running}>
          <summary>
            {runs.filter((run) => run.status === 'finished').length} of {runs.length} runs finished (seeds{' '}
            {seeds.join(', ')})
          </summary>
          <ul className="teaching-runs" data-testid="teaching-compare-status">
            {runs.map((run) => (
              <li
                key={run.key}
                data-run={run.key}
                data-status={run.status}
                className={run.status === 'failed' ? 'error' : undefined}
              >
                {runStatusText(run, steps)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ComparisonLegend summaries={summaries} codes={s.codes} />
      {findings.length > 0 && (
        <div className="teaching-findings" data-testid="teaching-findings">
          {findings.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <p className="teaching-note">
            Why: at the start every residue’s encoder output is almost the same point, and the codebook starts on{' '}
            {s.codes} of those outputs. β is the only force that ties each output to its own code. With β high from the
            first step, outputs stay with the codes they started at, and the EMA keeps those codes where their residues
            are. With β near 0 during a warm-up, nothing holds the outputs in place: the reconstruction loss moves them
            together, as one cloud, away from where the codes were, and the codes at the edge of the cloud take every
            residue. FoldTree2’s notes expect the opposite — that a warm-up keeps codes alive that a high constant β
            collapses; in this model and over runs this short, the measurement (docs/teaching.md) shows this instead.
          </p>
        </div>
      )}
      <div className="teaching-grid">
        <BandChart testId="teaching-beta-curves" title="β per schedule" lines={charts.beta} bands={false} />
        <BandChart testId="teaching-perplexity-curves" title="Perplexity per schedule" lines={charts.perplexity} />
        <BandChart testId="teaching-used-curves" title="Codes in use per schedule" lines={charts.used} />
        <BandChart
          testId="teaching-reconstruction-curves"
          title="Reconstruction loss (total without VQ) per schedule"
          lines={charts.reconstruction}
        />
      </div>
      <div className="teaching-maps">
        {COMPARISON_ARMS.map((arm) => {
          const run = runs.find((r) => r.arm === arm.id && r.seed === seeds[0]);
          return (
            <CodebookMap
              key={arm.id}
              testId={`teaching-map-${arm.id}`}
              title={`Codebook: ${arm.label}, seed ${seeds[0] ?? ''}`}
              tokens={run?.snapshot?.tokens ?? null}
              step={run?.snapshot?.step ?? null}
            />
          );
        })}
      </div>
    </div>
  );
}
