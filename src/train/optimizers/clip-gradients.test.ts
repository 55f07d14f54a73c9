import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../shared/seeded-rng';
import { clipGradients, gradientPartOf } from './clip-gradients';
import { readGradientNorms, summariseGradientNorms } from './gradient-norm-report';
import { seededValues } from './python-reference.node';

/** Hand-checkable gradients: encoder part √(5² + 12² + 0²) = 13, decoder part √(5² + 0.5²), other part 0.5. */
function handGrads(): Map<string, tf.Tensor> {
  return new Map<string, tf.Tensor>([
    ['encoder.input.weight', tf.tensor2d([[3, 4]])], // ‖·‖ = 5
    ['encoder.body.weight', tf.tensor1d([12, 0, 0])], // 12
    ['quantizer.codebook', tf.zeros([2, 2])], // 0, counted with the encoder
    [
      'decoder.sequence.head.weight',
      tf.tensor2d([
        [1, 2],
        [2, 4],
      ]),
    ], // 5
    ['decoder.contacts.head.bias', tf.tensor1d([0.5])], // 0.5
    ['loss.uncertainty', tf.tensor1d([0.3, 0.4])], // 0.5, "other"
  ]);
}

/** √Σx² in float64, over every gradient of a map (independent of the code under test). */
function norm64(tensors: Iterable<tf.Tensor>): number {
  let sum = 0;
  for (const t of tensors) for (const x of t.dataSync()) sum += x * x;
  return Math.sqrt(sum);
}

describe('clipGradients', () => {
  it('reports hand-computed norms before clipping (global, per part, per parameter)', async () => {
    const grads = handGrads();
    const result = clipGradients(grads, { maxNorm: 1, mode: 'separate' });
    const report = await readGradientNorms(result);
    expect(report.encoder).toBeCloseTo(13, 5);
    expect(report.decoder).toBeCloseTo(Math.sqrt(25 + 0.25), 5);
    expect(report.other).toBeCloseTo(0.5, 6);
    expect(report.global).toBeCloseTo(Math.sqrt(169 + 25.25 + 0.25), 5);
    expect(report.parameters.map((p) => p.norm)).toEqual([5, 12, 0, 5, 0.5, 0.5].map((n) => expect.closeTo(n, 5)));
    expect(report.largest.map((p) => p.name)).toEqual([
      'encoder.body.weight',
      'encoder.input.weight',
      'decoder.sequence.head.weight',
    ]);
    expect(report.smallest[0]?.name).toBe('quantizer.codebook');
    expect(report.byPart.encoder).toEqual({
      largest: { name: 'encoder.body.weight', norm: 12 },
      smallest: { name: 'quantizer.codebook', norm: 0 },
    });
    expect(report.byPart.decoder.smallest?.name).toBe('decoder.contacts.head.bias');
    expect(report.finite).toBe(true);
    tf.dispose([...grads.values(), ...result.grads.values(), result.norms]);
  });

  it('separate: each part over maxNorm ends at maxNorm, a part under it is untouched', () => {
    const grads = handGrads();
    const result = clipGradients(grads, { maxNorm: 1, mode: 'separate' });
    const part = (p: string) => [...result.grads].filter(([n]) => gradientPartOf(n) === p).map(([, g]) => g);
    expect(norm64(part('encoder'))).toBeCloseTo(1, 5);
    expect(norm64(part('decoder'))).toBeCloseTo(1, 5);
    expect(Array.from(result.grads.get('loss.uncertainty')?.dataSync() ?? [])).toEqual(
      Array.from(grads.get('loss.uncertainty')?.dataSync() ?? []),
    );
    // Directions are kept: the encoder's gradients are all scaled by 1 / (13 + 1e-6).
    expect(result.grads.get('encoder.input.weight')?.dataSync()[1]).toBeCloseTo(4 / 13, 6);
    tf.dispose([...grads.values(), ...result.grads.values(), result.norms]);
  });

  it('joint: the global norm ends at maxNorm and every gradient is scaled by the same factor', () => {
    const grads = handGrads();
    const result = clipGradients(grads, { maxNorm: 2, mode: 'joint' });
    expect(norm64(result.grads.values())).toBeCloseTo(2, 5);
    const factor = 2 / (Math.sqrt(194.5) + 1e-6);
    expect(result.grads.get('loss.uncertainty')?.dataSync()[1]).toBeCloseTo(0.4 * factor, 6);
    expect(result.grads.get('decoder.sequence.head.weight')?.dataSync()[3]).toBeCloseTo(4 * factor, 6);
    tf.dispose([...grads.values(), ...result.grads.values(), result.norms]);
  });

  it('random gradients: norms equal a float64 computation; nothing changes under a large maxNorm', async () => {
    const rng = createRng(5);
    const shapes: [string, number[]][] = [
      ['encoder.body.a', [30, 40]],
      ['encoder.head.b', [40]],
      ['decoder.contacts.body.convs.0.weight', [3, 8, 8]],
      ['decoder.sequence.input.0.weight', [20, 16]],
    ];
    const grads = new Map(
      shapes.map(([n, s]) => [
        n,
        tf.tensor(
          seededValues(
            rng,
            s.reduce((a, b) => a * b, 1),
          ),
          s,
        ),
      ]),
    );
    const result = clipGradients(grads, { maxNorm: 1e6 });
    const report = await readGradientNorms(result);
    expect(report.global).toBeCloseTo(norm64(grads.values()), 4);
    const encoder = [...grads].filter(([n]) => n.startsWith('encoder.')).map(([, g]) => g);
    expect(report.encoder).toBeCloseTo(norm64(encoder), 4);
    for (const [name, g] of grads)
      expect(Array.from(result.grads.get(name)?.dataSync() ?? [])).toEqual(Array.from(g.dataSync()));
    tf.dispose([...grads.values(), ...result.grads.values(), result.norms]);
  });

  it('creates no tensors beyond the result; reads the norms with one data() call', async () => {
    const grads = handGrads();
    const before = tf.memory().numTensors;
    const result = clipGradients(grads);
    expect(tf.memory().numTensors).toBe(before + grads.size + 1);
    expect(result.norms.shape).toEqual([grads.size + 4]);
    await readGradientNorms(result);
    tf.dispose([...result.grads.values(), result.norms]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...grads.values()]);
  });

  it('flags non-finite gradients and ranks NaN first', () => {
    const report = summariseGradientNorms(
      ['encoder.a', 'decoder.b'],
      ['encoder', 'decoder'],
      Float32Array.from([NaN, 1, NaN, NaN, 1, 0]),
    );
    expect(report.finite).toBe(false);
    expect(report.largest[0]?.name).toBe('encoder.a');
  });
});
