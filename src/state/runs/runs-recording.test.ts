/** The run store reports each run to the runs list: start, info, points, state, faults and checkpoints. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunInfo, TrainerFault, TrainingDataset } from '../../protocol/coordinator-messages';
import { fakePoints, FakeTrainer } from '../fake-metric-points.node';
import { resetRunStore, startRun, stopRun } from '../run/run-commands';
import { setConfigValue } from '../run/config-actions';
import { setRunDependencies } from '../run/run-session';
import { useRunStore } from '../run/run-store';
import type { RunsDb } from './runs-db';
import { memoryRunsDb } from './runs-db-memory';
import { flushPoints } from './run-recorder';
import { resetRunsStore } from './runs-store';
import { runsWritten, setRunsDependencies } from './runs-storage';
import { useRunsStore } from './runs-state';

const SAMPLE: TrainingDataset = {
  kind: 'sample',
  url: 'http://127.0.0.1/sample/sample-structs.h5',
  name: 'sample-structs.h5',
};
const INFO = { runName: 'tiny-run', totalSteps: 10 } as RunInfo;
const FAULT: TrainerFault = {
  rank: 1,
  kind: 'device-lost',
  message: 'Trainer 1 lost its GPU device at step 4.',
  step: 4,
  remaining: 1,
};

let trainer: FakeTrainer;
let db: RunsDb;

beforeEach(() => {
  resetRunStore();
  resetRunsStore();
  trainer = new FakeTrainer();
  db = memoryRunsDb();
  setRunDependencies({ connector: trainer.connect, saveFile: () => undefined });
  setRunsDependencies({ openDb: async () => db });
});

afterEach(() => {
  resetRunStore();
  resetRunsStore();
  setRunDependencies({ connector: null, saveFile: null });
  setRunsDependencies({ openDb: null });
});

describe('the run store records its runs', () => {
  it('stores the run with its config, info, points, state, fault event and checkpoints', async () => {
    setConfigValue('model.preset', 'tiny');
    startRun(SAMPLE, 'sample-structs.h5');
    const id = useRunsStore.getState().activeRunId;
    expect(id).not.toBeNull();
    trainer.emit({ type: 'info', info: INFO });
    trainer.emit({ type: 'state', state: 'running' });
    trainer.emit({ type: 'metrics', points: fakePoints(1, 4) });
    trainer.emit({ type: 'fault', fault: FAULT });
    trainer.emit({ type: 'checkpoint', step: 4, bytes: new ArrayBuffer(12), fileName: 'ignored' });
    trainer.emit({ type: 'metrics', points: fakePoints(5, 2) });
    stopRun();
    trainer.emit({ type: 'state', state: 'stopped' });
    trainer.emit({ type: 'checkpoint', step: 6, bytes: new ArrayBuffer(20), fileName: 'ignored', final: true });
    await runsWritten();
    const [run] = await db.listRuns();
    expect(run).toMatchObject({
      id,
      name: 'tiny-run',
      datasetName: 'sample-structs.h5',
      status: 'stopped',
      lastStep: 6,
      info: INFO,
      checkpoints: 2,
    });
    expect(run?.config.model.preset).toBe('tiny');
    expect(run?.config.data.dataset).toBe('sample-structs.h5');
    expect((await db.readPoints(id ?? '')).map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await db.readEvents(id ?? '')).toMatchObject([{ step: 4, kind: 'fault', label: FAULT.message }]);
    expect((await db.readCheckpoints(id ?? '')).map((c) => [c.step, c.final, c.fileName])).toEqual([
      [4, false, 'tiny-run-step4.ftsckpt'],
      [6, true, 'tiny-run-step6.ftsckpt'],
    ]);
  });

  it('a worker that dies marks the stored run failed', async () => {
    startRun(SAMPLE);
    trainer.emit({ type: 'state', state: 'running' });
    trainer.crash('The coordinator worker stopped: out of memory');
    await runsWritten();
    expect((await db.listRuns())[0]?.status).toBe('failed');
  });

  it('storage that fails is a warning in the run log; the run goes on', async () => {
    setRunsDependencies({ openDb: async () => ({ ...db, putPoints: () => Promise.reject(new Error('disk full')) }) });
    startRun(SAMPLE);
    trainer.emit({ type: 'state', state: 'running' });
    trainer.emit({ type: 'metrics', points: fakePoints(1, 3) });
    await flushPoints();
    trainer.emit({ type: 'metrics', points: fakePoints(4, 3) });
    await flushPoints();
    const { logs, status } = useRunStore.getState();
    expect(status).toBe('running');
    expect(logs.filter((line) => line.level === 'warning').map((line) => line.message)).toEqual([
      'Could not store metric points in the runs list: disk full',
    ]);
  });
});
