/**
 * β before training: the commitment cost the configured schedule gives at every step of the planned run, redrawn
 * as the settings change (here or in the settings panel), with the end of the warm-up marked and a sentence on
 * where the run leaves β. `data-points` and `data-schedule` let tests see what is drawn.
 */
import { memo, useMemo, useState } from 'react';
import { Line, ReferenceLine, YAxis } from 'recharts';
import { COMMITMENT_SCHEDULES } from '../../protocol/run-config';
import { commitmentAt, commitmentCurve } from '../../state/charts/commitment-curve';
import { changeWhileTraining } from '../../state/run/run-commands';
import { useRunStore } from '../../state/run/run-store';
import { ChartFigure } from '../charts/ChartFigure';
import { compactNumber, compactTooltipValue } from '../charts/format';
import { StepChart } from '../charts/StepChart';
import { ConfigSelect } from '../run/ConfigSelect';
import { usePlannedSteps } from './use-planned-steps';

const HEIGHT = 200;
export const PREVIEW_COLOR = '#8a5a00';

export const BetaPreview = memo(function BetaPreview() {
  const vq = useRunStore((state) => state.config.vq);
  const starting = useRunStore((state) => state.status === 'starting');
  const planned = usePlannedSteps();
  const [zoomed, setZoomed] = useState(false);
  const schedule = vq.useCommitmentScheduling ? vq.commitmentSchedule : 'constant';
  const warmupEnd =
    vq.useCommitmentScheduling && vq.commitmentWarmupSteps > 0 && vq.commitmentSchedule !== 'none'
      ? vq.commitmentWarmupSteps + 1
      : null;
  // A short warm-up in a long run is a sliver at the left: the zoom shows it with a quarter of its length after it.
  const canZoom = warmupEnd !== null && Math.ceil(warmupEnd * 1.25) < planned.steps;
  const span = zoomed && canZoom && warmupEnd !== null ? Math.ceil(warmupEnd * 1.25) : planned.steps;
  const curve = useMemo(() => commitmentCurve(vq, span), [vq, span]);
  return (
    <ChartFigure
      extraClass="teaching-chart"
      testId="teaching-beta-preview"
      title="β over the planned run"
      data={{ 'data-points': curve.length, 'data-schedule': schedule }}
      caption={
        <span className="chart-options teaching-controls">
          <label title="Move β from its start value to the commitment cost over the warm-up">
            <input
              type="checkbox"
              checked={vq.useCommitmentScheduling}
              disabled={starting}
              data-testid="teaching-scheduling"
              onChange={(event) => changeWhileTraining('vq.useCommitmentScheduling', event.currentTarget.checked)}
            />
            schedule β
          </label>
          <button
            type="button"
            className="button-link"
            aria-pressed={zoomed && canZoom}
            disabled={!canZoom}
            data-testid="teaching-preview-zoom"
            onClick={() => setZoomed(!zoomed)}
            title="Show the whole run, or the warm-up up close"
          >
            {zoomed && canZoom ? 'whole run' : 'zoom to warm-up'}
          </button>
          <ConfigSelect
            path="vq.commitmentSchedule"
            ariaLabel="Commitment schedule shape"
            value={vq.commitmentSchedule}
            options={COMMITMENT_SCHEDULES}
            disabled={starting}
            testId="teaching-schedule"
          />
        </span>
      }
    >
      <p className="teaching-note" data-testid="teaching-beta-summary">
        {summary(vq, planned.steps, planned.exact)}
      </p>
      <StepChart
        rows={curve}
        height={HEIGHT}
        empty="Open a dataset or set “Stop after steps” to see the run’s length."
        yAxes={<YAxis width={48} tick={{ fontSize: 11 }} tickFormatter={compactNumber} domain={[0, 'auto']} />}
        formatValue={(value) => [compactTooltipValue(value), 'β']}
      >
        {warmupEnd !== null && warmupEnd <= span && (
          <ReferenceLine
            x={warmupEnd}
            stroke="#6b7a8f"
            strokeDasharray="3 3"
            label={{
              value: 'warm-up ends',
              fontSize: 11,
              position: warmupEnd < span / 2 ? 'insideTopLeft' : 'insideTopRight',
            }}
          />
        )}
        <Line dataKey="value" name="β" stroke={PREVIEW_COLOR} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </StepChart>
    </ChartFigure>
  );
});

/** One sentence: how β moves, and what it is when the run ends. */
function summary(vq: Parameters<typeof commitmentAt>[0], steps: number, exact: boolean): string {
  const end = compactNumber(vq.commitmentCost);
  if (!vq.useCommitmentScheduling || vq.commitmentSchedule === 'none')
    return `β stays at ${end} for the whole run (scheduling is off).`;
  const T = vq.commitmentWarmupSteps;
  const ramps =
    vq.commitmentSchedule === 'cosine_with_restart'
      ? ` in ${Math.min(5, T)} cosine ramps that each restart at ${compactNumber(vq.commitmentStart)}`
      : '';
  const move = `β moves from ${compactNumber(vq.commitmentStart)} to ${end} over the first ${T} steps${ramps}`;
  if (steps < 1) return `${move}.`;
  const length = `${exact ? '' : 'about '}${steps} steps`;
  if (T < steps) return `${move}; the run (${length}) spends the rest at ${end}.`;
  return `${move}; the run (${length}) ends inside the warm-up, at β = ${compactNumber(commitmentAt(vq, steps - 1))}.`;
}
