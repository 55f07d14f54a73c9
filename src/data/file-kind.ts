/** What a user-supplied file is, judged by its name: an HDF5 dataset, a coordinate file, or neither. */
export type FileKind = 'hdf5' | 'structure' | 'unknown';

const HDF5_EXTENSIONS = ['.h5', '.hdf5', '.hdf'];
const STRUCTURE_EXTENSIONS = ['.pdb', '.ent', '.cif', '.mmcif', '.pdbx'];

export function fileKind(fileName: string): FileKind {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (HDF5_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'hdf5';
  if (STRUCTURE_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'structure';
  return 'unknown';
}
