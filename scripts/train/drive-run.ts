/**
 * The training loop of `npm run train`: drains the page's events every quarter second into the run folder and the
 * progress line, and ends the run when it finishes, fails, faults or is interrupted. An interrupted or faulted run
 * is asked for a checkpoint first (when it has trainers left to give one), written before the run is stopped, so
 * `--resume` continues from it.
 */
import type { MetricPoint } from '../../src/protocol/metric-point';
import type { RunInfo, TrainerFault } from '../../src/protocol/coordinator-messages';
import type { AutomationEvent } from '../../src/ui/automation-api';
import { EXIT_CODES, type ExitCode } from './exit-codes';
import type { Interrupt } from './interrupt';
import type { ProgressLine } from './progress-line';
import type { RunFolder } from './run-folder';
import type { StudioBrowser } from './studio-browser';

export interface RunOutcome {
  readonly exitCode: ExitCode;
  /** One line saying how the run ended. */
  readonly reason: string;
  readonly info: RunInfo | null;
  /** The newest step written to metrics.jsonl. */
  readonly lastStep: number;
  /** Path of the last checkpoint written, if any. */
  readonly checkpoint: string | null;
}

/** The page calls the loop makes (`StudioBrowser`'s; tests hand in a scripted page). */
export type RunPage = Pick<StudioBrowser, 'drainEvents' | 'pause' | 'requestCheckpoint' | 'stop'>;

export interface DriveOptions {
  readonly browser: RunPage;
  readonly folder: RunFolder;
  readonly progress: Pick<ProgressLine, 'update' | 'print' | 'finish'>;
  readonly interrupt: Pick<Interrupt, 'received'>;
  /** How long a requested checkpoint may take (a step in flight finishes first). */
  readonly checkpointTimeoutMs: number;
  /** Between two looks at the page; 250 ms unless a test wants it quicker. */
  readonly pollMs?: number;
  /** The step a resumed run continues from (0 for a new run). */
  readonly fromStep?: number;
}

const STOP_TIMEOUT_MS = 60_000;
const TERMINAL = new Set(['stopped', 'finished', 'failed']);

/**
 * Winding the run down early (Ctrl-C, a failed trainer): pause, so the checkpoint is of a step that is complete
 * (saving while a step is in flight races the step), then the checkpoint where a trainer is left to give one,
 * then stop. Each stage has a deadline, after which the next one starts regardless.
 */
interface Ending {
  readonly exitCode: ExitCode;
  readonly reason: string;
  stage: 'pausing' | 'checkpoint' | 'stopping';
  deadline: number;
  /** Checkpoints written before this one was asked for. */
  readonly savedBefore: number;
  /** When the run reported "paused", and its newest step then. */
  paused: { readonly at: number; readonly step: number } | null;
}

/**
 * How long to wait after "paused" for the step that may still be in flight: the run reports "paused" at once and
 * finishes that step afterwards (its point then arrives), and a checkpoint asked for meanwhile races the step.
 */
export function settleMs(recent: readonly MetricPoint[]): number {
  const times = recent
    .map((point) => point.stepMs)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 10_000;
  return 3 * median + 2_000;
}

/** Drives the started run to its end (or to an early one) and says how it ended; every event lands in `folder`. */
export async function driveRun({
  browser,
  folder,
  progress,
  interrupt,
  checkpointTimeoutMs,
  pollMs = 250,
  fromStep = 0,
}: DriveOptions): Promise<RunOutcome> {
  // What the events said so far (one object: the event handler below writes it).
  const seen = {
    status: 'starting',
    message: null as string | null,
    error: null as string | null,
    info: null as RunInfo | null,
    fault: null as TrainerFault | null,
    recent: [] as MetricPoint[],
    lastStep: fromStep,
    checkpoint: null as string | null,
    checkpointsWritten: 0,
    /** Whether the run ever reached "running": a failure before that is an input the trainers refused. */
    trained: false,
  };

  const handle = (event: AutomationEvent): void => {
    const time = new Date(event.time);
    switch (event.type) {
      case 'metrics':
        folder.appendMetrics(event.points);
        seen.recent = [...seen.recent, ...event.points].slice(-20);
        seen.lastStep = event.points.at(-1)?.step ?? seen.lastStep;
        return;
      case 'state':
        seen.status = event.status;
        seen.message = event.message;
        seen.trained ||= event.status === 'running';
        if (event.status === 'failed') seen.error = event.message;
        folder.record({ type: 'state', status: event.status, message: event.message }, time);
        return;
      case 'info':
        seen.info = event.info;
        folder.record({ type: 'info', info: event.info }, time);
        progress.print(
          `${event.info.runName}: ${event.info.parameters.toLocaleString('en')} parameters on ${event.info.backend} (${event.info.precision}), ${event.info.trainers} trainer(s), ${event.info.proteins} proteins${event.info.skippedProteins > 0 ? ` (${event.info.skippedProteins} skipped, listed above)` : ''}, ${event.info.totalSteps} steps`,
        );
        return;
      case 'log':
        folder.record({ type: 'log', level: event.level, message: event.message }, time);
        progress.print(event.level === 'info' ? event.message : `${event.level}: ${event.message}`);
        return;
      case 'fault':
        seen.fault = event.fault;
        folder.record({ type: 'fault', ...event.fault }, time);
        return;
      case 'run-event': {
        const type = event.event.kind === 'change' ? 'hyperparameters-changed' : event.event.kind;
        folder.record({ type, step: event.event.step, label: event.event.label }, time);
        return;
      }
      case 'checkpoint': {
        const bytes = Buffer.from(event.base64, 'base64');
        seen.checkpoint = folder.writeFile(event.fileName, bytes);
        seen.checkpointsWritten++;
        folder.record(
          { type: 'checkpoint', step: event.step, file: event.fileName, bytes: bytes.length, final: event.final },
          time,
        );
        progress.print(`checkpoint at step ${event.step} → ${seen.checkpoint}${event.final ? ' (final)' : ''}`);
        return;
      }
      case 'file': {
        const path = folder.writeFile(event.fileName, Buffer.from(event.base64, 'base64'));
        folder.record({ type: 'file', file: event.fileName }, time);
        progress.print(`saved ${path}`);
        return;
      }
    }
  };

  const stop = async (ending: Ending): Promise<void> => {
    await browser.stop();
    ending.stage = 'stopping';
    ending.deadline = Date.now() + STOP_TIMEOUT_MS;
  };

  /** Moves an ending on by what the run has done since the last look. */
  const advance = async (ending: Ending): Promise<'wait' | 'give-up'> => {
    const { status, fault } = seen;
    const late = Date.now() > ending.deadline;
    switch (ending.stage) {
      case 'pausing':
        if (status === 'paused' && fault === null) {
          ending.paused ??= { at: Date.now(), step: seen.lastStep };
          const settled = seen.lastStep > ending.paused.step || Date.now() - ending.paused.at > settleMs(seen.recent);
          if (!settled && !late) return 'wait';
        }
        if (status === 'paused') {
          const canSave = fault === null || fault.remaining > 0;
          if (canSave && (await browser.requestCheckpoint())) {
            ending.stage = 'checkpoint';
            ending.deadline = Date.now() + checkpointTimeoutMs;
          } else await stop(ending);
        } else if (status !== 'running' || late) await stop(ending);
        return 'wait';
      case 'checkpoint':
        if (seen.checkpointsWritten > ending.savedBefore) await stop(ending);
        else if (late || (fault !== null && fault.remaining === 0)) {
          progress.print('no checkpoint came: stopping without one');
          await stop(ending);
        }
        return 'wait';
      case 'stopping':
        return late ? 'give-up' : 'wait';
    }
  };

  const begin = async (exitCode: ExitCode, reason: string): Promise<Ending> => {
    const ending: Ending = {
      exitCode,
      reason,
      stage: 'pausing',
      deadline: Date.now() + checkpointTimeoutMs,
      savedBefore: seen.checkpointsWritten,
      paused: null,
    };
    const saving = seen.status === 'running' || seen.status === 'paused';
    progress.print(saving ? `${reason}: saving a checkpoint, then stopping…` : `${reason}: stopping…`);
    if (seen.status === 'running') await browser.pause();
    else if (!saving) await stop(ending);
    return ending;
  };

  let ending: Ending | null = null;
  for (;;) {
    for (const event of await browser.drainEvents()) handle(event);
    progress.update({
      status: seen.status,
      message: seen.message,
      recent: seen.recent,
      totalSteps: seen.info?.totalSteps ?? 0,
    });
    if (TERMINAL.has(seen.status)) break;
    if (ending === null && interrupt.received !== null)
      ending = await begin(EXIT_CODES.interrupted, `interrupted (${interrupt.received})`);
    else if (ending === null && seen.fault !== null)
      ending = await begin(EXIT_CODES.failed, `trainer ${seen.fault.rank} failed`);
    else if (ending !== null && (await advance(ending)) === 'give-up') {
      progress.print(`the run did not stop within ${STOP_TIMEOUT_MS / 1000} s: closing the browser`);
      break;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  progress.finish();

  const outcome = { info: seen.info, lastStep: seen.lastStep, checkpoint: seen.checkpoint };
  if (ending)
    return {
      ...outcome,
      exitCode: ending.exitCode,
      reason: seen.fault && ending.exitCode === EXIT_CODES.failed ? seen.fault.message : ending.reason,
    };
  if (seen.status === 'finished') return { ...outcome, exitCode: EXIT_CODES.finished, reason: 'finished' };
  // Refused while setting up (the weights, the checkpoint or the dataset as the trainers read them): exit 2.
  if (seen.status === 'failed' && !seen.trained)
    return {
      ...outcome,
      exitCode: EXIT_CODES.usage,
      reason: `refused before training began: ${seen.error ?? 'no reason given'}`,
    };
  if (seen.status === 'failed')
    return { ...outcome, exitCode: EXIT_CODES.failed, reason: `training failed: ${seen.error ?? 'no reason given'}` };
  return { ...outcome, exitCode: EXIT_CODES.failed, reason: `the run ended as "${seen.status}"` };
}
