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

  test('the default run fits, and so do 64 uncropped sample proteins per step (they run in passes)', async () => {
    expect(await memoryProblem(defaultRunConfig(), null, { backend: 'wasm' })).toBeNull();
    const huge = withConfigValues(defaultRunConfig(), [
      ['training.batchSize', 64],
      ['data.maxResidues', null],
    ]);
    expect(await memoryProblem(huge, null, { backend: 'wasm' })).toBeNull();
  });
});

describe('memory pre-flight on generated proteins of 1,500 and 2,400 residues, teaching preset, WebAssembly', () => {
  const work = mkdtempSync(join(tmpdir(), 'long-proteins-'));
  const dataset = join(work, 'long.h5');
  // An AlphaFold model of 722 residues laid out again and again: 55 contacts per residue (15 Å).
  const alphafoldModel = fileURLToPath(new URL('../../fixtures/structures/python3-cctbx/pae.pdb.gz', import.meta.url));
  const teaching = (batch: number, maxResidues: number | null) =>
    withConfigValues(defaultRunConfig(), [
      ['model.preset', 'teaching'],
      ['data.maxResidues', maxResidues],
      ['training.batchSize', batch],
    ]);

  beforeAll(async () => {
    const atoms = atomRecords(alphafoldModel);
    mkdirSync(join(work, 'in'));
    const inputs = [1500, 2400].map((residues) => {
      const path = join(work, 'in', `long${residues}.pdb`);
      writeFileSync(path, longChainPdb(atoms, residues));
      return path;
    });
    const report = await buildDataset({
      inputs,
      output: dataset,
      contactCutoff: 15,
      maxResidues: undefined,
      chain: undefined,
      overwrite: false,
      foldtree2Exact: false,
    });
    expect(report.built.map((p) => p.length)).toEqual([1500, 2400]);
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('uncropped, the 2,400-residue protein cannot fit even alone: refused before any step, naming the crop that fits', async () => {
    const line = await memoryProblem(teaching(2, null), dataset, { backend: 'wasm' });
    expect(line).toMatch(
      /^memory pre-flight: one protein of 2400 residues \(the longest protein, uncropped\) needs about [\d.]+ GB, more than the 3\.9 GB .*; set data\.maxResidues \d+\.$/,
    );
    const crop = Number(/data\.maxResidues (\d+)\.$/.exec(line ?? '')?.[1]);
    expect(crop).toBeGreaterThan(1500);
    expect(await memoryProblem(teaching(2, crop), dataset, { backend: 'wasm' })).toBeNull();
  });

  test('cropped to 1,500 residues it trains (2 per step in passes of 1; 1 × 1,500 measured 2.0 GB)', async () => {
    expect(await memoryProblem(teaching(2, 1500), dataset, { backend: 'wasm' })).toBeNull();
    expect(await memoryProblem(teaching(20, 1500), dataset, { backend: 'wasm' })).toBeNull();
  });
});
