import { expect, test } from 'vitest';
import { fileKind } from './file-kind';

test.each([
  ['structs_train.h5', 'hdf5'],
  ['X.HDF5', 'hdf5'],
  ['1ubi.pdb', 'structure'],
  ['pdb1ubi.ent.gz', 'structure'],
  ['6zu5.cif.gz', 'structure'],
  ['model.mmcif', 'structure'],
  ['notes.txt', 'unknown'],
  ['archive.gz', 'unknown'],
])('%s is %s', (name, kind) => {
  expect(fileKind(name)).toBe(kind);
});
