import h5wasm from 'h5wasm/node';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readGoodProteins,
  VALUE_FAULTS,
  writeCorruptCopy,
  writeValueFaultFile,
} from '../../../scripts/fault-corpus/h5-faults';
import { createDatasetService } from '../dataset-service';
import { closeStructsFile, openStructsFile } from './open-file';
import { readIndex } from './read-index';
import { makeTempDir } from './test-graphs.node';
import { excludeProteins, validateValues } from './validate-values';

const tiny = fileURLToPath(new URL('../../../fixtures/tiny-structs.h5', import.meta.url));
const temp = makeTempDir('validate-values-');

beforeAll(async () => {
  await h5wasm.ready;
});
afterAll(() => temp.remove());

describe('values are checked when a file opens', () => {
  it('sets aside every generated value fault, naming the protein, the dataset and the value, and keeps the good proteins', async () => {
    const path = temp.path('value-faults.h5');
    const good = await writeValueFaultFile(path, await readGoodProteins(tiny));
    const handle = await openStructsFile(h5wasm, path, 'value-faults.h5');
    try {
      const progress: number[] = [];
      const index = validateValues(handle, readIndex(handle), (done) => progress.push(done));
      expect(index.proteins.map((p) => p.id)).toEqual(good);
      for (const fault of VALUE_FAULTS) {
        const item = index.skipped.find((s) => s.source === `value-faults.h5:${fault.id}`);
        expect(item?.reason, fault.id).toContain(`protein ${fault.id}`);
        expect(item?.reason, fault.id).toContain(fault.reason);
      }
      expect(index.skipped).toHaveLength(VALUE_FAULTS.length);
      expect(progress.at(-1)).toBe(progress.length);
    } finally {
      closeStructsFile(handle);
    }
  });

  it('a file with 4 KiB corrupted in the middle opens with the damaged proteins listed, or is refused in one line; nothing passes silently', async () => {
    const sample = fileURLToPath(new URL('../../../public/sample/sample-structs.h5', import.meta.url));
    const path = temp.path('corrupt-sample.h5');
    writeCorruptCopy(sample, path);
    const service = createDatasetService(h5wasm, {
      mountUserFile: () => Promise.reject(new Error('unused')),
      fetchFile: () => Promise.resolve({ path, release: () => undefined }),
    });
    const summary = await service
      .openSample('unused', 'corrupt-sample.h5', () => undefined)
      .catch((error: unknown) => error);
    if (summary instanceof Error) {
      expect(summary.message).toMatch(/^corrupt-sample\.h5: /);
      expect(summary.message).not.toContain('\n');
      return;
    }
    expect(summary).toHaveProperty('skipped');
    const opened = summary as { skipped: readonly { source: string; reason: string }[]; proteinCount: number };
    expect(opened.skipped.length).toBeGreaterThan(0);
    for (const item of opened.skipped) expect(item.reason).toMatch(/^protein \S+: /);
    // Every protein still listed reads in full: training will not meet a damaged one.
    const handle = await openStructsFile(h5wasm, path, 'corrupt-sample.h5');
    try {
      const again = validateValues(handle, readIndex(handle));
      expect(again.proteins).toHaveLength(opened.proteinCount);
    } finally {
      closeStructsFile(handle);
    }
  }, 60_000);

  it('a trainer given the panel’s findings leaves those proteins out and lists each once', async () => {
    const path = temp.path('exclude.h5');
    await writeValueFaultFile(path, await readGoodProteins(tiny));
    const handle = await openStructsFile(h5wasm, path, 'exclude.h5');
    try {
      const found = validateValues(handle, readIndex(handle));
      const other = { source: 'another.h5:nan_coords', reason: 'not this file' };
      const trainerIndex = excludeProteins(readIndex(handle), [...found.skipped, other]);
      expect(trainerIndex.proteins).toEqual(found.proteins);
      expect(trainerIndex.skipped.map((s) => s.source).sort()).toEqual(found.skipped.map((s) => s.source).sort());
    } finally {
      closeStructsFile(handle);
    }
  });
});
