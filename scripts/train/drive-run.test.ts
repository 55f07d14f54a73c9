import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../src/protocol/metric-point';
import type { RunInfo, TrainerFault } from '../../src/protocol/coordinator-messages';
import { fakePoint } from '../../src/state/fake-metric-points.node';
import type { AutomationEvent } from '../../src/ui/automation-api';
import { driveRun, settleMs, type RunPage } from './drive-run';
import { EXIT_CODES } from './exit-codes';
import { RunFolder } from './run-folder';

const time = 1_700_000_000_000;
const state = (
  status: 'running' | 'paused' | 'stopped' | 'finished' | 'failed',
  message: string | null = null,
): AutomationEvent => ({ type: 'state', time, status, message });
const metrics = (...points: MetricPoint[]): AutomationEvent => ({ type: 'metrics', time, points });
const checkpoint = (step: number, final = false): AutomationEvent => ({
  type: 'checkpoint',
  time,
  step,
  fileName: `r-step${step}.ftsckpt`,
  final,
  base64: Buffer.from([step, 1, 2]).toString('base64'),
});
const info = {
  runName: 'r',
  backend: 'webgpu',
  precision: 'f32',
  parameters: 10,
  groups: {},
  proteins: 4,
  skippedProteins: 0,
  stepsPerEpoch: 2,
  totalSteps: 3,
  inputWidth: 41,
  trainers: 1,
  strategy: 'ddp',
  exchange: 'none',
  effectiveBatch: 2,
} satisfies RunInfo;

/**
 * A page playing a run: each look at it hands over the next batch of `script`; `pause`, `requestCheckpoint` and
 * `stop` queue what a real run answers (a step in flight finishing after "paused", then the checkpoint, then
 * "stopped"). `calls` records the calls and the step last handed over when each was made.
 */
class ScriptedPage implements RunPage {
  readonly calls: string[] = [];
  private lastStep = 0;
  private readonly replies: AutomationEvent[][] = [];

  constructor(private readonly script: AutomationEvent[][]) {}

  drainEvents(): Promise<AutomationEvent[]> {
    const batch = this.replies.shift() ?? this.script.shift() ?? [];
    for (const event of batch) if (event.type === 'metrics') this.lastStep = event.points.at(-1)?.step ?? this.lastStep;
    return Promise.resolve(batch);
  }

  pause(): Promise<void> {
    this.calls.push(`pause@${this.lastStep}`);
    this.replies.push([state('paused')], [], [metrics(fakePoint(this.lastStep + 1))]);
    return Promise.resolve();
  }

  requestCheckpoint(): Promise<boolean> {
    this.calls.push(`checkpoint@${this.lastStep}`);
    this.replies.push([], [checkpoint(this.lastStep)]);
    return Promise.resolve(true);
  }

  stop(): Promise<void> {
    this.calls.push(`stop@${this.lastStep}`);
    this.replies.push([state('stopped')]);
    return Promise.resolve();
  }
}

const quiet = { update: () => undefined, print: () => undefined, finish: () => undefined };

function drive(page: RunPage, interrupt: { received: NodeJS.Signals | null } = { received: null }) {
  const folder = RunFolder.open(join(mkdtempSync(join(tmpdir(), 'drive-run-')), 'run'), false);
  return {
    folder,
    outcome: driveRun({ browser: page, folder, progress: quiet, interrupt, checkpointTimeoutMs: 60_000, pollMs: 1 }),
  };
}

describe('driveRun', () => {
  it('writes a finished run’s metrics, events and final checkpoint and exits 0', async () => {
    const page = new ScriptedPage([
      [state('running'), { type: 'info', time, info }],
      [metrics(fakePoint(1), fakePoint(2))],
      [metrics(fakePoint(3))],
      [checkpoint(3, true), state('finished')],
    ]);
    const { folder, outcome } = drive(page);
    const result = await outcome;
    expect(result).toMatchObject({
      exitCode: EXIT_CODES.finished,
      reason: 'finished',
      lastStep: 3,
      checkpoint: folder.path('r-step3.ftsckpt'),
    });
    expect([...readFileSync(folder.path('r-step3.ftsckpt'))]).toEqual([3, 1, 2]);
    expect(folder.metrics.points().map((p) => p.step)).toEqual([1, 2, 3]);
    const records = readFileSync(folder.path('events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; time: string });
    expect(records.map((r) => r.type)).toEqual(['state', 'info', 'checkpoint', 'state']);
    expect(records[0]?.time).toBe(new Date(time).toISOString());
    expect(page.calls).toEqual([]);
  });

  it('on Ctrl-C pauses, waits for the step in flight, saves a checkpoint of it, stops and exits 130', async () => {
    const interrupt = { received: null as NodeJS.Signals | null };
    const script: AutomationEvent[][] = [[state('running')], [metrics(fakePoint(1))], [metrics(fakePoint(2))]];
    const page = new ScriptedPage(script);
    const { folder, outcome } = drive(page, interrupt);
    // The signal comes once step 2 has been handed over (the script runs dry and the page stays quiet).
    const timer = setInterval(() => {
      if (script.length === 0) interrupt.received = 'SIGINT';
    }, 1);
    const result = await outcome;
    clearInterval(timer);
    expect(page.calls).toEqual(['pause@2', 'checkpoint@3', 'stop@3']);
    expect(result).toMatchObject({
      exitCode: EXIT_CODES.interrupted,
      reason: 'interrupted (SIGINT)',
      lastStep: 3,
      checkpoint: folder.path('r-step3.ftsckpt'),
    });
    expect(folder.metrics.points().map((p) => p.step)).toEqual([1, 2, 3]);
  });

  it('after a fault with no trainer left, stops without asking for a checkpoint and exits 1 with the fault’s message', async () => {
    const fault: TrainerFault = {
      rank: 0,
      kind: 'device-lost',
      message: 'Trainer rank 0 failed: the GPU device was lost.',
      step: 1,
      remaining: 0,
    };
    const page = new ScriptedPage([
      [state('running'), metrics(fakePoint(1))],
      [{ type: 'fault', time, fault }, state('paused', fault.message)],
    ]);
    const { folder, outcome } = drive(page);
    const result = await outcome;
    expect(page.calls).toEqual(['stop@1']);
    expect(result).toMatchObject({ exitCode: EXIT_CODES.failed, reason: fault.message, checkpoint: null });
    expect(readFileSync(folder.path('events.jsonl'), 'utf8')).toContain('"type":"fault","rank":0,"kind":"device-lost"');
  });

  it('reports a failed run with exit 1 and the trainer’s reason', async () => {
    const { outcome } = drive(new ScriptedPage([[state('running')], [state('failed', 'out of memory')]]));
    expect(await outcome).toMatchObject({ exitCode: EXIT_CODES.failed, reason: 'training failed: out of memory' });
  });
});

describe('settleMs', () => {
  it('waits three median step times and two seconds for a step in flight; 32 s before any step', () => {
    expect(
      settleMs([fakePoint(1, { stepMs: 100 }), fakePoint(2, { stepMs: 3000 }), fakePoint(3, { stepMs: 200 })]),
    ).toBe(2_600);
    expect(settleMs([])).toBe(32_000);
  });
});

describe('a run refused while its trainers set up', () => {
  it('exits 2, the documented code for a bad config, dataset or weights, with the trainers’ reason', async () => {
    const { outcome } = drive(
      new ScriptedPage([
        [state('failed', 'The run could not start: weights.safetensors: tensor encoder.w holds NaN at index 3')],
      ]),
    );
    expect(await outcome).toMatchObject({
      exitCode: EXIT_CODES.usage,
      reason:
        'refused before training began: The run could not start: weights.safetensors: tensor encoder.w holds NaN at index 3',
    });
  });
});
