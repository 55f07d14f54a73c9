import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../protocol/padded-batch';
import { disposeModelInputs, EDGE_DISTANCE_SCALE_ANGSTROM, toModelInputs } from './model-inputs';
import { sampleBatch } from './testing/sample-batch.node';

let batch: PaddedBatch;
beforeAll(async () => {
  batch = await sampleBatch({ proteins: 3, maxLength: 40 });
});

describe('toModelInputs on a real sample batch', () => {
  test('shapes, masks and scaled contact distances follow the padded batch', () => {
    const before = tf.memory().numTensors;
    const inputs = toModelInputs(batch);
    const [B, L] = [batch.batchSize, batch.paddedLength];
    expect(inputs.res.shape).toEqual([B, L, 41]);
    expect(inputs.positions.shape).toEqual([B, L, 256]);
    expect(inputs.fourier.shape).toEqual([B, L, 160]);
    expect(inputs.aminoAcids.shape).toEqual([B, L, 20]);
    expect(inputs.neighbours.shape).toEqual([B, L, L]);
    // Fourier magnitudes first, then phases, residue by residue.
    const fourier = inputs.fourier.arraySync();
    const magnitude = batch.residueFeatures.fourier1dr?.data ?? new Float32Array();
    const phase = batch.residueFeatures.fourier1di?.data ?? new Float32Array();
    expect(fourier[1]?.[5]?.[0]).toBeCloseTo(magnitude[(1 * L + 5) * 80] ?? NaN, 5);
    expect(fourier[1]?.[5]?.[80]).toBeCloseTo(phase[(1 * L + 5) * 80] ?? NaN, 5);
    const neighbours = inputs.neighbours.dataSync();
    const edge = inputs.edgeFeature.dataSync();
    let contacts = 0;
    for (let k = 0; k < neighbours.length; k++) {
      if (neighbours[k] === 1) {
        contacts++;
        expect(edge[k]).toBeCloseTo((batch.contactDistance[k] ?? 0) / EDGE_DISTANCE_SCALE_ANGSTROM, 6);
      } else expect(edge[k]).toBe(0);
    }
    expect(contacts).toBe([...batch.contactCounts].reduce((a, b) => a + b, 0));
    disposeModelInputs(inputs);
    expect(tf.memory().numTensors).toBe(before);
  });
});
