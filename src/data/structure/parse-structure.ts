/**
 * Entry point for coordinate files: gzip'd or plain, PDB or mmCIF, decided by content first and the file
 * extension second.
 */
import { gunzip, isGzip } from './gzip';
import { parseMmcif } from './mmcif-parser';
import { parsePdb } from './pdb-parser';
import type { ParsedStructure } from './structure-types';

export type StructureFormat = 'pdb' | 'mmcif';

/** Extensions we read, with an optional `.gz`. */
export const STRUCTURE_EXTENSIONS = ['.pdb', '.ent', '.cif', '.mmcif'] as const;

const CIF_EXTENSION = /\.(cif|mmcif)(\.gz)?$/i;
const PDB_RECORD = /^(ATOM {2}|HETATM|HEADER|TITLE |MODEL |REMARK|CRYST1|EXPDTA|COMPND|SEQRES)/m;

/**
 * Decides the format: an mmCIF file starts (after comments) with `data_`; a PDB file has fixed-column
 * records. The extension breaks the tie when the content shows neither (e.g. a fragment).
 */
export function detectStructureFormat(fileName: string, text: string): StructureFormat | undefined {
  const head = text.slice(0, 65536);
  const firstLine =
    head
      .split('\n')
      .find((line) => line.trim() !== '' && !line.startsWith('#'))
      ?.trim() ?? '';
  if (/^data_/i.test(firstLine)) return 'mmcif';
  if (PDB_RECORD.test(head)) return 'pdb';
  if (/^(loop_|_atom_site\.)/m.test(head)) return 'mmcif';
  if (CIF_EXTENSION.test(fileName)) return 'mmcif';
  if (/\.(pdb|ent)(\.gz)?$/i.test(fileName)) return 'pdb';
  return undefined;
}

/**
 * Reads a structure file.
 * @param fileName name shown in messages and used to help format detection.
 * @param bytes file contents, gzip'd (magic 1f 8b) or not.
 * @returns the first model's chains with one conformer per atom, plus header facts about the B column.
 * @throws Error naming the file when it is empty, not valid gzip, not PDB/mmCIF, or has no readable atoms.
 */
export async function parseStructure(fileName: string, bytes: Uint8Array): Promise<ParsedStructure> {
  if (bytes.length === 0) throw new Error(`${fileName}: file is empty`);
  const raw = isGzip(bytes) ? await gunzip(fileName, bytes) : bytes;
  if (raw.length === 0) throw new Error(`${fileName}: file is empty after decompression`);
  const text = new TextDecoder('utf-8').decode(raw);
  if (text.slice(0, 4096).includes('\u0000')) {
    throw new Error(`${fileName}: binary data, not a PDB or mmCIF text file`);
  }
  const format = detectStructureFormat(fileName, text);
  if (format === undefined) {
    throw new Error(`${fileName}: not a PDB or mmCIF file (no ATOM records or data_ block found)`);
  }
  return format === 'mmcif' ? parseMmcif(fileName, text) : parsePdb(fileName, text);
}
