import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakePoint } from '../../src/state/fake-metric-points.node';
import { readWithPython } from '../../src/formats/tensorboard/python-reader.node';
import { tensorboardSink } from './tensorboard-sink';

describe('tensorboardSink', () => {
  it('appends batches to one event file that an independent reader decodes step by step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-sink-'));
    const sink = tensorboardSink(dir, 'test host');
    sink.append([]);
    expect(readdirSync(dir)).toEqual([]);
    const before = Date.now();
    sink.append([fakePoint(1), fakePoint(2)]);
    sink.append([fakePoint(3)]);
    sink.close();
    const names = readdirSync(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^events\.out\.tfevents\.\d+\.test-host$/);
    const read = readWithPython(readFileSync(join(dir, names[0] ?? '')));
    if (!read.ok) throw new Error(read.error);
    const [header, ...events] = read.events;
    expect(header?.file_version).toBe('brain.Event:2');
    expect(events.map((e) => e.step)).toEqual([1, 2, 3]);
    // Wall times: the first point's arrival minus its training time, plus each point's (500 ms per step here).
    const start = (header?.wall_time ?? 0) * 1000;
    expect(start).toBeGreaterThanOrEqual(before - 500 - 1);
    expect(start).toBeLessThanOrEqual(Date.now() - 500 + 1);
    expect(((events[2]?.wall_time ?? 0) - (events[0]?.wall_time ?? 0)) * 1000).toBeCloseTo(1000, 0);
    const objective = events[2]?.values.find((v) => v.tag === 'Studio/Objective')?.value;
    expect(objective).toBe(Math.fround(fakePoint(3).total));
  });
});
