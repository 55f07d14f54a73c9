import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakePoint } from '../../src/state/fake-metric-points.node';
import type { MetricPoint } from '../../src/protocol/metric-point';
import { CliError } from './exit-codes';
import { RunFolder } from './run-folder';

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'run-folder-')), 'run');

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError && error.exitCode === 2) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('RunFolder', () => {
  it('creates the folder, and sends metrics to the files and every added sink', () => {
    const dir = fresh();
    const folder = RunFolder.open(dir, false);
    const seen: number[] = [];
    folder.addSink({
      append: (points: readonly MetricPoint[]) => seen.push(...points.map((p) => p.step)),
      close: () => seen.push(-1),
    });
    folder.appendMetrics([fakePoint(1), fakePoint(2)]);
    folder.close();
    expect(seen).toEqual([1, 2, -1]);
    expect(readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('writes events as JSON lines with an ISO time first', () => {
    const folder = RunFolder.open(fresh(), false);
    folder.record({ type: 'state', status: 'running' }, new Date('2026-01-02T03:04:05.000Z'));
    folder.record({ type: 'log', level: 'info', message: 'a "quoted" line' }, new Date('2026-01-02T03:04:06.000Z'));
    const lines = readFileSync(folder.path('events.jsonl'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('{"time":"2026-01-02T03:04:05.000Z","type":"state","status":"running"}');
    expect(JSON.parse(lines[1] ?? '')).toEqual({
      time: '2026-01-02T03:04:06.000Z',
      type: 'log',
      level: 'info',
      message: 'a "quoted" line',
    });
  });

  it('refuses to start a new run over one that has metrics, and to resume a folder that is not there', () => {
    const dir = fresh();
    RunFolder.open(dir, false).appendMetrics([fakePoint(1)]);
    expect(refusal(() => RunFolder.open(dir, false))).toMatch(/already holds a run \(metrics\.jsonl\): add --resume/);
    expect(
      RunFolder.open(dir, true)
        .metrics.points()
        .map((p) => p.step),
    ).toEqual([1]);
    expect(refusal(() => RunFolder.open(fresh(), true))).toMatch(/--resume: there is no run folder/);
    const file = join(mkdtempSync(join(tmpdir(), 'run-folder-')), 'file');
    writeFileSync(file, '');
    expect(refusal(() => RunFolder.open(file, false))).toMatch(/is a file, not a run folder/);
  });

  it('keeps files the page names inside the folder', () => {
    const dir = fresh();
    const folder = RunFolder.open(dir, false);
    const path = folder.writeFile('../../escape-step3.ftsckpt', new Uint8Array([1, 2, 3]));
    expect(path).toBe(join(dir, 'escape-step3.ftsckpt'));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(existsSync(join(dir, '..', '..', 'escape-step3.ftsckpt'))).toBe(false);
  });

  it('reads back the config it wrote', () => {
    const folder = RunFolder.open(fresh(), false);
    expect(folder.readConfig()).toBeNull();
    folder.writeConfig('training:\n  epochs: 2\n');
    expect(folder.readConfig()).toBe('training:\n  epochs: 2\n');
  });
});
