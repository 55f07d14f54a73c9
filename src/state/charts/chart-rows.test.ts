import { describe, expect, it } from 'vitest';
import { buildLineRows, placeMarkers } from './chart-rows';
import type { RunEvent } from '../run/run-events';

const run = [
  { step: 1, value: 2, elapsedMs: 1_000 },
  { step: 2, value: 0, elapsedMs: 2_500 },
  { step: 3, value: 5, elapsedMs: 4_000 },
];
const overlay = [
  { step: 2, value: 7, elapsedMs: 1_000 },
  { step: 4, value: 3, elapsedMs: 9_000 },
];

describe('buildLineRows', () => {
  it('puts every line on the step axis, one row per step in order', () => {
    expect(
      buildLineRows(
        [
          { key: 'r0', points: run },
          { key: 'o0_0', points: overlay },
        ],
        'step',
      ),
    ).toEqual([
      { x: 1, r0: 2 },
      { x: 2, r0: 0, o0_0: 7 },
      { x: 3, r0: 5 },
      { x: 4, o0_0: 3 },
    ]);
  });

  it('on the time axis aligns runs by elapsed time and leaves out points without one', () => {
    const untimed = [{ step: 9, value: 1 }];
    expect(
      buildLineRows(
        [
          { key: 'r0', points: run },
          { key: 'o0_0', points: overlay },
          { key: 'r1', points: untimed },
        ],
        'time',
      ),
    ).toEqual([
      { x: 1_000, r0: 2, o0_0: 7 },
      { x: 2_500, r0: 0 },
      { x: 4_000, r0: 5 },
      { x: 9_000, o0_0: 3 },
    ]);
  });

  it('drops values ≤ 0 for log axes, and keeps the later point when a line repeats a step', () => {
    expect(buildLineRows([{ key: 'r0', points: run }], 'step', true)).toEqual([
      { x: 1, r0: 2 },
      { x: 3, r0: 5 },
    ]);
    const resumed = [...run, { step: 2, value: 9, elapsedMs: 6_000 }];
    expect(buildLineRows([{ key: 'r0', points: resumed }], 'step').find((row) => row.x === 2)).toEqual({ x: 2, r0: 9 });
  });
});

describe('placeMarkers', () => {
  const event = (step: number, label: string): RunEvent => ({ step, kind: 'change', label, time: 0 });
  const events = [event(0, 'before'), event(2, 'at 2'), event(3, 'at 3'), event(7, 'after')];

  it('puts each event at its step on the step axis, with its label', () => {
    expect(placeMarkers(events, run, 'step')).toEqual([
      { x: 0, step: 0, kind: 'change', label: 'before' },
      { x: 2, step: 2, kind: 'change', label: 'at 2' },
      { x: 3, step: 3, kind: 'change', label: 'at 3' },
      { x: 7, step: 7, kind: 'change', label: 'after' },
    ]);
  });

  it('on the time axis uses the elapsed time at that step, else of the last step before, else 0', () => {
    expect(placeMarkers(events, run, 'time').map((m) => m.x)).toEqual([0, 2_500, 4_000, 4_000]);
    expect(placeMarkers(events, [], 'time').map((m) => m.x)).toEqual([0, 0, 0, 0]);
  });
});
