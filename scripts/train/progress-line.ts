/**
 * The one progress line on stderr: `step 12/50 · loss 3.214 · 0.94 steps/s · ETA 40 s`, or the run's state while
 * it has no step yet ("starting: compiling shaders…"). On a terminal the line is redrawn in place; in a log file
 * (stderr not a terminal) a line is written at most every `logEveryMs`, so a long run does not flood it.
 */
import type { MetricPoint } from '../../src/protocol/metric-point';
import { formatDuration, runProgress } from '../../src/state/run/run-progress';

export interface ProgressState {
  /** The run's state ("starting", "running", …) and its message, if any. */
  readonly status: string;
  readonly message: string | null;
  /** The newest points, oldest first (the rate uses the last 20). */
  readonly recent: readonly MetricPoint[];
  /** Steps the run will take; 0 while unknown. */
  readonly totalSteps: number;
}

function formatLoss(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1000 || (Math.abs(value) < 0.001 && value !== 0)
    ? value.toExponential(3)
    : value.toFixed(4);
}

/** The text of the progress line (no line ending). */
export function progressText(state: ProgressState): string {
  const last = state.recent.at(-1);
  if (!last) return state.message ? `${state.status}: ${state.message}` : `${state.status}…`;
  const total = state.totalSteps > 0 ? `/${state.totalSteps}` : '';
  const { stepsPerSecond, etaSeconds } = runProgress(state.recent, state.totalSteps);
  const parts = [`step ${last.step}${total}`, `epoch ${last.epoch}`, `loss ${formatLoss(last.total)}`];
  if (Number.isFinite(stepsPerSecond)) parts.push(`${stepsPerSecond.toFixed(2)} steps/s`);
  if (state.totalSteps > 0 && Number.isFinite(etaSeconds)) parts.push(`ETA ${formatDuration(etaSeconds)}`);
  if (state.status !== 'running') parts.push(state.status);
  return parts.join(' · ');
}

/** The line itself: redrawn on a terminal, logged at intervals elsewhere; `print` puts messages above it. */
export class ProgressLine {
  private lastLogged = -Infinity;
  private lastText = '';
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly logEveryMs = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  update(state: ProgressState): void {
    const text = progressText(state);
    if (text === this.lastText) return;
    this.lastText = text;
    if (this.stream.isTTY) return this.draw();
    // Points come every step: log them at intervals. A state change without points is rare and always shown.
    if (state.recent.length > 0) {
      if (this.now() - this.lastLogged < this.logEveryMs) return;
      this.lastLogged = this.now();
    }
    this.stream.write(`${text}\n`);
  }

  /** Writes `line` on a line of its own; on a terminal the progress line is drawn again below it. */
  print(line: string): void {
    if (!this.drawn) {
      this.stream.write(`${line}\n`);
      return;
    }
    this.stream.write(`\r\x1b[2K${line}\n`);
    this.draw();
  }

  /** Ends the redrawn line, so what follows starts on a fresh one. */
  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }

  private draw(): void {
    const width = (this.stream.columns || 100) - 1;
    this.stream.write(`\r${this.lastText.slice(0, width).padEnd(width)}`);
    this.drawn = true;
  }
}
