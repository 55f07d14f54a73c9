/** Where the run stands: state, step and epoch, throughput, and what the trainer set up (RunInfo). */
import type { TrainerTiming } from '../../protocol/metric-point';
import type { RunInfo } from '../../protocol/coordinator-messages';
import { useLatestPoint, useMetricsStore } from '../../state/charts/metrics-store';
import { formatDuration, runProgress } from '../../state/run/run-progress';
import { useRunStore, type RunStatus as Status } from '../../state/run/run-store';

const STATE_LABELS: Readonly<Record<Status, string>> = {
  idle: 'not started',
  starting: 'starting',
  running: 'running',
  paused: 'paused',
  stopped: 'stopped',
  finished: 'finished',
  failed: 'failed',
};

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');

function duration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

export function RunStatus() {
  const status = useRunStore((state) => state.status);
  const statusMessage = useRunStore((state) => state.statusMessage);
  const info = useRunStore((state) => state.info);
  const error = useRunStore((state) => state.error);
  const fault = useRunStore((state) => state.fault);
  const epochs = useRunStore((state) => state.config.training.epochs);
  const latest = useLatestPoint();
  const points = useMetricsStore((state) => state.points);
  const warmingUp = (status === 'starting' || status === 'running') && !latest;
  // The first two steps build every GPU pipeline; after that a step takes its usual time.
  const compiling = status === 'running' && info !== null && points.length < 2;
  const progress = info && points.length > 1 ? runProgress(points, info.totalSteps) : null;
  return (
    <div className="run-status" aria-live="polite">
      <div className="run-line">
        <span className={`run-state state-${status}`} data-testid="run-state">
          {STATE_LABELS[status]}
        </span>
        <span>
          step <strong data-testid="run-step">{latest?.step ?? 0}</strong>
          {info ? ` / ${integer(info.totalSteps)}` : ''}
        </span>
        <span>
          {/* MetricPoint.epoch counts from 0: the epoch this step belongs to. */}
          epoch <strong data-testid="run-epoch">{latest ? latest.epoch + 1 : '–'}</strong> / {epochs}
        </span>
        {latest && (
          <>
            <span data-testid="run-throughput">
              {integer(latest.residuesPerSecond)} residues/s · {latest.proteinsPerSecond.toFixed(1)} proteins/s ·{' '}
              {integer(latest.stepMs)} ms/step
            </span>
            <span>{duration(latest.elapsedMs)} trained</span>
            {latest.skippedSteps > 0 && (
              <span className="warn" data-testid="run-skipped-steps">
                {latest.skippedSteps} skipped steps
              </span>
            )}
          </>
        )}
        {progress && (
          <span data-testid="run-progress">
            {Number.isFinite(progress.stepsPerSecond)
              ? `${progress.stepsPerSecond.toFixed(2)} steps/s · ETA ${formatDuration(progress.etaSeconds)}`
              : ''}
          </span>
        )}
        {compiling && (
          <span className="hint-inline" data-testid="run-phase">
            compiling shaders (the first steps are slow)…
          </span>
        )}
        {warmingUp && !compiling && <span className="hint-inline">Setting up the model and data…</span>}
        {statusMessage && status !== 'failed' && <span className="hint-inline">{statusMessage}</span>}
      </div>
      {fault && status === 'paused' && (
        <p className="error" role="alert" data-testid="run-fault" data-rank={fault.rank} data-kind={fault.kind}>
          {fault.message}
        </p>
      )}
      {latest?.trainers && <TrainerTimings timings={latest.trainers} />}
      {error && (
        <p className="error" role="alert" data-testid="run-error">
          {error}
        </p>
      )}
      {info && <RunInfoFacts info={info} />}
    </div>
  );
}

/** Per data-parallel trainer: step time and the part spent waiting in the gradient exchange. */
function TrainerTimings({ timings }: { timings: readonly TrainerTiming[] }) {
  return (
    <p className="muted" data-testid="run-trainer-timings">
      {timings
        .map(
          (t) =>
            `trainer ${t.rank}: ${integer(t.stepMs)} ms/step, ${integer(t.exchangeMs)} ms in the all-reduce, ${integer(t.residuesPerSecond)} residues/s`,
        )
        .join(' · ')}
    </p>
  );
}

function RunInfoFacts({ info }: { info: RunInfo }) {
  const groups = Object.entries(info.groups)
    .filter(([, count]) => count > 0)
    .map(([group, count]) => `${group} ${integer(count)}`)
    .join(' · ');
  return (
    <dl className="facts run-info" data-testid="run-info">
      <dt>Run</dt>
      <dd data-testid="run-name">{info.runName}</dd>
      <dt>Backend</dt>
      <dd data-testid="run-backend">{info.backend}</dd>
      <dt>Precision</dt>
      <dd data-testid="run-precision">{info.precision}</dd>
      <dt>Parameters</dt>
      <dd data-testid="run-parameters">
        {integer(info.parameters)}
        {groups && <span className="muted"> ({groups})</span>}
      </dd>
      <dt>Proteins</dt>
      <dd>
        {integer(info.proteins)}
        {info.skippedProteins > 0 && <span className="muted"> ({info.skippedProteins} skipped)</span>}
      </dd>
      <dt>Steps</dt>
      <dd>
        {integer(info.stepsPerEpoch)} per epoch, {integer(info.totalSteps)} in all
      </dd>
      <dt>Trainers</dt>
      <dd data-testid="run-trainers" data-trainers={info.trainers} data-strategy={info.strategy}>
        {info.trainers} ({info.strategy}
        {info.trainers > 1 ? `, gradients through ${info.exchange}` : ''})
      </dd>
      <dt>Effective batch</dt>
      <dd data-testid="run-effective-batch">{integer(info.effectiveBatch)} proteins per optimizer step</dd>
    </dl>
  );
}
