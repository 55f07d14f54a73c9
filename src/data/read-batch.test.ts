import h5wasm from 'h5wasm/node';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { closeStructsFile, openStructsFile } from './hdf5/open-file';
import { readIndex } from './hdf5/read-index';
import { readBatch } from './read-batch';

const tiny = fileURLToPath(new URL('../../fixtures/tiny-structs.h5', import.meta.url));

test('reads the requested proteins into one padded batch and lists the ones that fail', async () => {
  const handle = await openStructsFile(h5wasm, tiny, 'tiny-structs.h5');
  try {
    const proteins = readIndex(handle).proteins;
    const ids = [proteins[0]?.id ?? '', 'no_such_protein', proteins[2]?.id ?? ''];
    const { batch, skipped } = readBatch(handle, ids, { maxLength: 64, seed: 3, epoch: 0 });
    expect(batch?.ids).toEqual([ids[0], ids[2]]);
    expect(batch?.paddedLength).toBe(Math.min(64, Math.max(proteins[0]?.length ?? 0, proteins[2]?.length ?? 0)));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.reason).toContain('no_such_protein');
    expect(readBatch(handle, ['missing'], { maxLength: 64, seed: 3, epoch: 0 }).batch).toBeNull();
  } finally {
    closeStructsFile(handle);
  }
});
