import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/formats/checkpoint-codec';
import { decodeSafetensors } from '../../src/formats/safetensors';
import { readGoodProteins } from '../fault-corpus/h5-faults';
import { presetCheckpoint } from '../fault-corpus/input-faults';
import {
  FOLDTREE2_CONFIG_FILE,
  FOLDTREE2_FOLDER,
  FOLDTREE2_WEIGHTS_FILE,
  writeFoldtree2Export,
} from './foldtree2-export';
import { RunFolder } from './run-folder';

const work = mkdtempSync(join(tmpdir(), 'ft2-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('the FoldTree2 YAML describes the checkpoint’s own model, whatever config the folder was started with', async () => {
  const tiny = resolve(import.meta.dirname, '../../fixtures/tiny-structs.h5');
  const folder = RunFolder.open(join(work, 'run'), false);
  try {
    // The folder's config says tiny; the newest checkpoint is of a foldtree2-small run (a --resume into the wrong folder).
    folder.writeConfig('model:\n  preset: tiny\n');
    const checkpoint = join(folder.dir, 'small-step1.ftsckpt');
    writeFileSync(
      checkpoint,
      new Uint8Array(await presetCheckpoint('foldtree2-small', (await readGoodProteins(tiny)).slice(0, 2), 'small')),
    );
    writeFoldtree2Export(folder, { checkpointPath: checkpoint, datasetPath: null, trainers: 1 });
    expect(readFileSync(join(folder.dir, FOLDTREE2_FOLDER, FOLDTREE2_CONFIG_FILE), 'utf8')).toMatch(
      /^hidden_size: 40$/m,
    );
    const bytes = readFileSync(join(folder.dir, FOLDTREE2_FOLDER, FOLDTREE2_WEIGHTS_FILE));
    expect(
      decodeSafetensors(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)).tensors.size,
    ).toBeGreaterThan(0);
  } finally {
    folder.close();
  }
}, 60_000);

it('weights that went NaN are not exported: the export fails naming the weight', async () => {
  const tiny = resolve(import.meta.dirname, '../../fixtures/tiny-structs.h5');
  const contents = decodeCheckpoint(
    await presetCheckpoint('foldtree2-small', (await readGoodProteins(tiny)).slice(0, 2), 'nan'),
  ) as { weights: Record<string, { data: Float32Array }> };
  const [name, first] = Object.entries(contents.weights)[0] ?? ['', { data: new Float32Array(1) }];
  first.data[0] = NaN;
  const folder = RunFolder.open(join(work, 'nan'), false);
  try {
    const checkpoint = join(folder.dir, 'nan-step1.ftsckpt');
    writeFileSync(checkpoint, new Uint8Array(encodeCheckpoint(contents)));
    expect(() => writeFoldtree2Export(folder, { checkpointPath: checkpoint, datasetPath: null, trainers: 1 })).toThrow(
      new RegExp(`nan-step1\\.ftsckpt: weight \\S+ holds NaN at index 0; not exported`),
    );
    expect(name).not.toBe('');
  } finally {
    folder.close();
  }
}, 60_000);
