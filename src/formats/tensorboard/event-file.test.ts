import { describe, expect, test } from 'vitest';
import type { MetricPoint } from '../../protocol/metric-point';
import { fakePoint, fakePoints } from '../../state/fake-metric-points.node';
import { TFRECORD_OVERHEAD } from './tfrecord';
import { eventFileName, tensorboardEventFile, TensorBoardEventWriter } from './event-file';
import { foldTree2Scalars } from './foldtree2-tags';
import { readWithPython } from './python-reader.node';

const START = 1_750_000_000_123; // ms since the epoch

const points: MetricPoint[] = [
  ...fakePoints(1, 20),
  fakePoint(21, {
    losses: { aminoAcid: 2.9, edge: 0.6, logit: 4.17, angles: 1.86, ss: 1.11, vq: 0.02, fft2: 0.3 },
    gradientNorms: {
      global: Number.NaN,
      encoder: Number.NaN,
      decoder: 3,
      largest: [{ name: 'decoder.x', value: 3 }],
      smallest: [{ name: 'encoder.y', value: 1e-9 }],
    },
    skipped: true,
    skippedSteps: 1,
  }),
  fakePoint(2 ** 40 + 3, { elapsedMs: 123_456_789.5, commitmentCost: 1 / 3 }),
];

describe('tensorboardEventFile', () => {
  const file = tensorboardEventFile(points, { wallTimeStart: START, hostname: 'lab box/1' });

  test('names the file as TensorFlow does, with a safe host name', () => {
    expect(file.fileName).toBe('events.out.tfevents.1750000000.lab-box-1');
    expect(eventFileName(START)).toBe('events.out.tfevents.1750000000.foldtree-studio');
  });

  test('reads back with an independent Python decoder: header, then every (step, tag, float32 value)', () => {
    const read = readWithPython(file.bytes);
    if (!read.ok) throw new Error(read.error);
    const [header, ...events] = read.events;
    expect(header).toEqual({
      wall_time: START / 1000,
      step: 0,
      file_version: 'brain.Event:2',
      values: [],
      unknown_fields: [],
    });
    expect(events).toHaveLength(points.length);
    events.forEach((event, k) => {
      const point = points[k] as MetricPoint;
      expect(event.step).toBe(point.step);
      expect(event.wall_time).toBe((START + point.elapsedMs) / 1000);
      expect(event.unknown_fields).toEqual([]);
      expect(event.values).toEqual(
        foldTree2Scalars(point).map(({ tag, value }) => ({ tag, value: Math.fround(value) })),
      );
    });
    const last = events[events.length - 1];
    expect(last?.values.find((v) => v.tag === 'Training/Commitment_Cost')?.value).toBe(Math.fround(1 / 3));
    expect(last?.values.find((v) => v.tag === 'Learning_Rate')?.value).toBe(Math.fround(3e-4));
    const skippedTags = events[20]?.values.map((v) => v.tag) ?? [];
    expect(skippedTags).toContain('Loss/FFT2');
    expect(skippedTags).not.toContain('Gradients/Global');
  });

  test('a single flipped byte anywhere in a record fails the Python reader’s CRC check', () => {
    const firstDataLength = Number(new DataView(file.bytes.buffer).getBigUint64(0, true));
    const secondRecord = firstDataLength + TFRECORD_OVERHEAD;
    // length, length CRC, data and data CRC of the first record; the middle of the second record's data; the last byte.
    for (const at of [0, 9, 12 + 3, 12 + firstDataLength + 1, secondRecord + 40, file.bytes.length - 1]) {
      const corrupted = file.bytes.slice();
      corrupted[at] = (corrupted[at] ?? 0) ^ 0x10;
      const read = readWithPython(corrupted);
      expect(read.ok, `byte ${at}`).toBe(false);
      if (!read.ok) {
        expect(read.status).toBe(2);
        expect(read.error).toMatch(/crc mismatch/);
      }
    }
  });

  test('without a start time, places the run to end now', () => {
    const before = Date.now();
    const { fileName } = tensorboardEventFile(fakePoints(1, 3));
    const seconds = Number(fileName.split('.')[3]);
    expect(seconds).toBeGreaterThanOrEqual(Math.floor((before - 1500) / 1000));
    expect(seconds).toBeLessThanOrEqual(Math.floor((Date.now() - 1500) / 1000));
  });
});

describe('TensorBoardEventWriter', () => {
  test('hands each record to the sink as it is made, adding up to the whole file', () => {
    const chunks: Uint8Array[] = [];
    const writer = new TensorBoardEventWriter((record) => void chunks.push(record), {
      wallTimeStart: START,
      hostname: 'lab box/1',
    });
    expect(chunks).toHaveLength(1);
    for (const point of points) writer.write(point);
    expect(chunks).toHaveLength(points.length + 1);
    expect(writer.fileName).toBe(
      tensorboardEventFile(points, { wallTimeStart: START, hostname: 'lab box/1' }).fileName,
    );
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(tensorboardEventFile(points, { wallTimeStart: START }).bytes));
  });

  test('a file cut after any whole record still reads back', () => {
    const chunks: Uint8Array[] = [];
    const writer = new TensorBoardEventWriter((record) => void chunks.push(record), { wallTimeStart: START });
    writer.write(fakePoint(1));
    const read = readWithPython(Buffer.concat(chunks));
    expect(read.ok && read.events.map((e) => e.step)).toEqual([0, 1]);
  });
});
