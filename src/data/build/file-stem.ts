/** Protein ids from file names: FoldTree2 names each `structs/<id>` group after the file stem. */

const STRUCTURE_EXTENSION = /\.(pdb|ent|cif|mmcif)$/i;

/** `dir/1abc.pdb.gz` → `1abc`; only `.gz` and a structure extension are removed. */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.gz$/i, '').replace(STRUCTURE_EXTENSION, '');
}

/** Group id of one chain: `<stem>_<chain>`, or the stem alone for a blank chain id. */
export function proteinId(fileName: string, chainId: string): string {
  const stem = fileStem(fileName);
  return chainId === '' ? stem : `${stem}_${chainId}`;
}
