import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ParameterSet } from '../params/parameter-set';
import { analyticGradient, maxRelativeError, numericalGradient, probeIndices } from '../testing/finite-difference.node';
import { parameterGradientCheck, randomiseParameters, randomValues, takeValues } from './gradient-check.node';
import { graphAttention, type AttentionGraph } from './graph-attention';
import { graphAttentionSpecs } from './graph-attention-specs';
import { runPython } from '../../shared/python-reference.node';

const REFERENCE = fileURLToPath(new URL('./transformer_conv_reference.py', import.meta.url));
const [B, L, IN, OUT, HEADS] = [2, 5, 4, 3, 2];
const LENGTHS = [5, 3];
/** Protein 0, residue 3 has no neighbours: PyG gives it only the skip term. */
const ISOLATED = { b: 0, i: 3 };

/** A random directed graph on the real residues (no self-pairs), edge scalars in [0.4, 1.6]. */
function makeGraph(): { neighbours: Float32Array; edge: Float32Array } {
  const coin = randomValues(B * L * L, 1);
  const scalar = randomValues(B * L * L, 2);
  const neighbours = new Float32Array(B * L * L);
  const edge = new Float32Array(B * L * L);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < (LENGTHS[b] ?? 0); i++)
      for (let j = 0; j < (LENGTHS[b] ?? 0); j++) {
        const k = (b * L + i) * L + j;
        if (i === j || (b === ISOLATED.b && i === ISOLATED.i) || (coin[k] ?? 0) < -0.2) continue;
        neighbours[k] = 1;
        edge[k] = 1 + 0.6 * (scalar[k] ?? 0);
      }
  return { neighbours, edge };
}

let params: ParameterSet;
let graph: AttentionGraph;
let x: tf.Tensor3D;
const raw = makeGraph();

beforeAll(() => {
  params = new ParameterSet(graphAttentionSpecs('attention', IN, OUT, HEADS), 3);
  randomiseParameters(params, 1, 0.8);
  graph = { neighbours: tf.tensor3d(raw.neighbours, [B, L, L]), edgeFeature: tf.tensor3d(raw.edge, [B, L, L]) };
  x = tf.tensor3d(randomValues(B * L * IN, 3, 1.5), [B, L, IN]);
});
afterAll(() => {
  params.dispose();
  tf.dispose([graph.neighbours, graph.edgeFeature, x]);
});

function nested(name: string): number[][] | number[] {
  return params.get(name).arraySync() as number[][] | number[];
}

describe('graphAttention (dense PyG TransformerConv)', () => {
  test('matches a NumPy loop over the explicit edge list, per-target softmax', () => {
    // Flatten the real residues into one PyG-style graph: node id = offset_b + i, edge (src j → dst i).
    const offsets = [0, LENGTHS[0] ?? 0];
    const xs = x.arraySync();
    const nodes: number[][] = [];
    const edges: [number, number][] = [];
    const edgeAttr: number[] = [];
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < (LENGTHS[b] ?? 0); i++) nodes.push(xs[b]?.[i] ?? []);
      for (let i = 0; i < L; i++)
        for (let j = 0; j < L; j++) {
          const k = (b * L + i) * L + j;
          if (raw.neighbours[k] !== 1) continue;
          edges.push([(offsets[b] ?? 0) + j, (offsets[b] ?? 0) + i]);
          edgeAttr.push(raw.edge[k] ?? 0);
        }
    }
    const names = ['query', 'key', 'value', 'skip'].flatMap((n) => [`${n}.weight`, `${n}.bias`]).concat('edge.weight');
    const weights = Object.fromEntries(names.map((n) => [n, nested(`attention.${n}`)]));
    const dir = mkdtempSync(join(tmpdir(), 'transformer-conv-'));
    try {
      writeFileSync(
        join(dir, 'in.json'),
        JSON.stringify({ x: nodes, edges, edgeAttr, heads: HEADS, outDim: OUT, weights }),
      );
      runPython({ file: REFERENCE }, { args: [join(dir, 'in.json'), join(dir, 'out.json')] });
      const expected = (JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { out: number[][] }).out;

      const actual = tf.tidy(() => graphAttention(params, 'attention', x, graph)).arraySync();
      const a: number[] = [];
      const n: number[] = [];
      for (let b = 0; b < B; b++)
        for (let i = 0; i < (LENGTHS[b] ?? 0); i++) {
          a.push(...(actual[b]?.[i] ?? []));
          n.push(...(expected[(offsets[b] ?? 0) + i] ?? []));
        }
      expect(edges.length).toBeGreaterThan(8);
      expect(a).toHaveLength(8 * OUT);
      // Element-wise relative error, floor 1e-3 (measured about 3e-7).
      expect(maxRelativeError(a, n)).toBeLessThanOrEqual(1e-4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a residue without neighbours gets only the skip term x W_skip + b_skip', () => {
    const out = tf.tidy(() => graphAttention(params, 'attention', x, graph)).arraySync();
    const xi = x.arraySync()[ISOLATED.b]?.[ISOLATED.i] ?? [];
    const w = nested('attention.skip.weight') as number[][];
    const bias = nested('attention.skip.bias') as number[];
    for (let c = 0; c < OUT; c++) {
      const expected = xi.reduce((sum, v, k) => sum + v * (w[k]?.[c] ?? NaN), bias[c] ?? NaN);
      expect(out[ISOLATED.b]?.[ISOLATED.i]?.[c]).toBeCloseTo(expected, 5);
    }
  });

  const weight = tf.tensor3d(randomValues(B * L * OUT, 4), [B, L, OUT]);
  const loss = (input: tf.Tensor): tf.Scalar =>
    tf.sum(tf.mul(graphAttention(params, 'attention', input as tf.Tensor3D, graph), weight));

  test('finite-difference gradient with respect to the input', () => {
    const indices = probeIndices(x.size, 12);
    const error = maxRelativeError(analyticGradient(loss, x, indices), numericalGradient(loss, x, indices));
    expect(error).toBeLessThan(1e-2);
  });

  test.each([
    'query.weight',
    'query.bias',
    'key.weight',
    'key.bias',
    'value.weight',
    'value.bias',
    'edge.weight',
    'skip.weight',
    'skip.bias',
  ])('finite-difference gradient with respect to %s', (name) => {
    const { error } = parameterGradientCheck(params, `attention.${name}`, () => loss(x));
    expect(error).toBeLessThan(1e-2);
  });

  test('padding residues and non-contact pair values reach neither real outputs nor gradients', () => {
    const realRows = tf.tensor3d(
      Float32Array.from({ length: B * L }, (_, k) => (k % L < (LENGTHS[Math.floor(k / L)] ?? 0) ? 1 : 0)),
      [B, L, 1],
    );
    const run = (input: tf.Tensor3D, edgeFeature: tf.Tensor3D): number[][] => {
      const forward = (): tf.Tensor =>
        tf.mul(graphAttention(params, 'attention', input, { neighbours: graph.neighbours, edgeFeature }), realRows);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(forward(), weight)), params.all());
      value.dispose();
      return [takeValues(tf.tidy(forward)), ...params.names().map((n) => takeValues(grads[n] ?? tf.zeros([1])))];
    };
    const clean = run(x, graph.edgeFeature);
    const [noisyX, noisyEdge] = tf.tidy(() => {
      const padding = tf.sub(1, realRows);
      const pairOff = tf.sub(1, graph.neighbours);
      return [
        tf.add(x, tf.mul(tf.tensor3d(randomValues(B * L * IN, 5, 50), [B, L, IN]), padding)) as tf.Tensor3D,
        tf.add(
          graph.edgeFeature,
          tf.mul(tf.tensor3d(randomValues(B * L * L, 6, 50), [B, L, L]), pairOff),
        ) as tf.Tensor3D,
      ];
    });
    const noisy = run(noisyX, noisyEdge);
    expect(noisy).toEqual(clean);
    tf.dispose([noisyX, noisyEdge, realRows]);
  });

  test('seeded attention dropout: reproducible per key, off when not training; no tensor leak', () => {
    const before = tf.memory().numTensors;
    const run = (training: boolean, step: number): number[] =>
      takeValues(
        tf.tidy(() =>
          graphAttention(params, 'attention', x, graph, {
            rate: 0.5,
            training,
            key: { seed: 11, step, rank: 0 },
            site: 16,
          }),
        ),
      );
    const plain = takeValues(tf.tidy(() => graphAttention(params, 'attention', x, graph)));
    expect(run(false, 0)).toEqual(plain);
    expect(run(true, 3)).toEqual(run(true, 3));
    expect(run(true, 3)).not.toEqual(run(true, 4));
    expect(run(true, 3)).not.toEqual(plain);
    expect(tf.memory().numTensors).toBe(before);
  });
});
