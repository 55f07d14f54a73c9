/**
 * The CLI's memory pre-flight on the bundled sample and on generated proteins longer than any real one here: what
 * fits passes, an impossible batch is refused naming it and what would fit.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDataset } from '../build-dataset';
import { atomRecords, longChainPdb } from '../fault-corpus/structure-faults';
import { defaultRunConfig } from '../../src/config/run-config-values';
import { withConfigValues } from '../../src/state/config/config-edit';
import type { GpuProbeReport } from '../../src/protocol/gpu-probe-messages';
import { memoryProblem, preflightTarget } from './memory-check';

const swiftshader: GpuProbeReport = {
  available: true,
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: '',
  isFallbackAdapter: false,
  features: [],
  shaderF16: false,
  limits: { maxStorageBufferBindingSize: 2 ** 30 },
};

describe('memory pre-flight of npm run train', () => {
  test('auto resolves to WebAssembly beside a software adapter, to WebGPU with its buffer limit beside a GPU', () => {
    expect(preflightTarget(defaultRunConfig(), swiftshader)).toEqual({ backend: 'wasm' });
    expect(preflightTarget(defaultRunConfig(), { ...swiftshader, vendor: 'nvidia', architecture: 'hopper' })).toEqual({
      backend: 'webgpu',
      maxBufferBytes: 2 ** 30,
    });
    expect(preflightTarget(withConfigValues(defaultRunConfig(), [['training.backend', 'cpu']]), swiftshader)).toEqual({
      backend: 'cpu',
    });
  });

  test('the default run fits; 64 uncropped sample proteins per step do not, and the line names batch, crop and estimate', async () => {
    expect(await memoryProblem(defaultRunConfig(), null, { backend: 'wasm' })).toBeNull();
    const huge = withConfigValues(defaultRunConfig(), [
      ['training.batchSize', 64],
      ['data.maxResidues', null],
    ]);
    expect(await memoryProblem(huge, null, { backend: 'wasm' })).toMatch(
      /^memory pre-flight: one step of training\.batchSize 64 × 722 residues \(the longest protein, uncropped: data\.maxResidues is null\) needs about [\d.]+ GB.*; set training\.batchSize \d+ or data\.maxResidues \d+\.$/,
    );
  });
});

describe('memory pre-flight on 1,500-residue proteins (generated), teaching preset, uncropped, WebAssembly', () => {
  const work = mkdtempSync(join(tmpdir(), 'long-proteins-'));
  const dataset = join(work, 'long.h5');
  // An AlphaFold model of 722 residues, laid out twice and a bit: 55 contacts per residue (15 Å).
  const alphafoldModel = fileURLToPath(new URL('../../fixtures/structures/python3-cctbx/pae.pdb.gz', import.meta.url));
  const teachingUncropped = (batch: number) =>
    withConfigValues(defaultRunConfig(), [
      ['model.preset', 'teaching'],
      ['data.maxResidues', null],
      ['training.batchSize', batch],
    ]);

  beforeAll(async () => {
    const pdb = longChainPdb(atomRecords(alphafoldModel), 1500);
    const inputs = [1, 2, 3, 4].map((k) => join(work, 'in', `long${k}.pdb`));
    mkdirSync(join(work, 'in'));
    for (const path of inputs) writeFileSync(path, pdb);
    const report = await buildDataset({
      inputs,
      output: dataset,
      contactCutoff: 15,
      maxResidues: undefined,
      chain: undefined,
      overwrite: false,
      foldtree2Exact: false,
    });
    expect(report.built.map((p) => p.length)).toEqual([1500, 1500, 1500, 1500]);
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Measured on WebAssembly (tfjs peak tensor bytes, one forward + backward): 1 per step 2.02 GB, 2 per step
  // 4.04 GB — it ran, with 6 % of the 4.29 GB heap to spare, which the pre-flight does not count on.
  test('2 per step are refused before any step, naming 1 per step or a crop that would fit', async () => {
    expect(await memoryProblem(teachingUncropped(2), dataset, { backend: 'wasm' })).toMatch(
      /^memory pre-flight: one step of training\.batchSize 2 × 1500 residues \(the longest protein, uncropped: data\.maxResidues is null\) needs about 4\.0 GB, more than the 3\.9 GB .*; set training\.batchSize 1 or data\.maxResidues \d+\.$/,
    );
  });

  test('1 per step passes, and a batch size above the dataset is measured at the dataset', async () => {
    expect(await memoryProblem(teachingUncropped(1), dataset, { backend: 'wasm' })).toBeNull();
    // A batch of 20 holds the dataset's 4 proteins: it is refused as 4 per step, not 20.
    expect(await memoryProblem(teachingUncropped(20), dataset, { backend: 'wasm' })).toMatch(/training\.batchSize 4 ×/);
  });
});
