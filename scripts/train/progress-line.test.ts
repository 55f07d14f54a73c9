import { describe, expect, it } from 'vitest';
import { fakePoint } from '../../src/state/fake-metric-points.node';
import { ProgressLine, progressText } from './progress-line';

/** A stream that is not a terminal and keeps what is written. */
function logStream(): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY: false, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progressText', () => {
  it('shows the state before the first point', () => {
    expect(progressText({ status: 'starting', message: null, recent: [], totalSteps: 0 })).toBe('starting…');
    expect(progressText({ status: 'starting', message: 'compiling shaders', recent: [], totalSteps: 0 })).toBe(
      'starting: compiling shaders',
    );
  });

  it('shows step, epoch, loss, rate and time left', () => {
    // Steps 1–11, 500 ms apart: 10 steps in 5 s = 2 steps/s; 89 steps left to 100 → 44.5 s → "45 s".
    const recent = Array.from({ length: 11 }, (_, k) => fakePoint(k + 1));
    const total = fakePoint(11).total;
    expect(progressText({ status: 'running', message: null, recent, totalSteps: 100 })).toBe(
      `step 11/100 · epoch 1 · loss ${total.toFixed(4)} · 2.00 steps/s · ETA 45 s`,
    );
  });

  it('says when the run is not running, and leaves out what it does not know', () => {
    expect(
      progressText({ status: 'paused', message: null, recent: [fakePoint(3, { total: 12344 })], totalSteps: 0 }),
    ).toBe('step 3 · epoch 0 · loss 1.234e+4 · paused');
  });
});

describe('ProgressLine', () => {
  it('writes a log line at most every interval once points come, but every state change before', () => {
    const { stream, written } = logStream();
    let now = 0;
    const line = new ProgressLine(stream, 10_000, () => now);
    line.update({ status: 'starting', message: null, recent: [], totalSteps: 0 });
    line.update({ status: 'running', message: null, recent: [], totalSteps: 0 });
    line.update({ status: 'running', message: null, recent: [fakePoint(1)], totalSteps: 10 });
    now = 5_000;
    line.update({ status: 'running', message: null, recent: [fakePoint(1), fakePoint(2)], totalSteps: 10 });
    now = 10_000;
    line.update({
      status: 'running',
      message: null,
      recent: [fakePoint(1), fakePoint(2), fakePoint(3)],
      totalSteps: 10,
    });
    line.print('a message');
    expect(written.map((text) => text.split(' · ')[0])).toEqual([
      'starting…\n',
      'running…\n',
      'step 1/10',
      'step 3/10',
      'a message\n',
    ]);
  });
});
