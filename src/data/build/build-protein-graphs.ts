/**
 * Structure file → one ProteinGraph per usable protein chain, the studio's equivalent of FoldTree2's
 * `PDB2PyG.struct2pyg` (see docs/graph-features.md for every difference).
 */
import type { ProteinGraph, SkippedItem } from '../../protocol/protein-graph';
import { DEFAULT_CONTACT_CUTOFF_ANGSTROM } from '../features/contacts';
import { parseStructure } from '../structure/parse-structure';
import type { Chain } from '../structure/structure-types';
import { assembleGraph } from './assemble-graph';
import { chainResidues } from './chain-residues';
import { proteinId } from './file-stem';

export interface BuildOptions {
  /** CA–CA contact cutoff in Å (strict <); default 15, as FoldTree2's training files. */
  readonly contactCutoff?: number;
  /** Chains with more residues are skipped; default no limit. */
  readonly maxResidues?: number;
  /** Build only this chain (author chain id; '' or '_' for a blank id). Unknown ids throw. */
  readonly chain?: string;
}

export interface BuildResult {
  readonly graphs: ProteinGraph[];
  readonly skipped: SkippedItem[];
}

/** Chain as users type it: a blank id is written `_`, like the manifest and the `chain` option. */
function chainLabel(chain: Chain): string {
  return chain.id === '' ? '_' : chain.id;
}

function pickChain(fileName: string, chains: readonly Chain[], wanted: string): Chain {
  const exact = chains.find((c) => c.id === wanted);
  const blank = wanted === '_' ? chains.find((c) => c.id === '') : undefined;
  const found = exact ?? blank;
  if (found === undefined) {
    const names = chains.map((c) => (c.id === '' ? '_ (blank id)' : c.id)).join(', ');
    throw new Error(`${fileName}: no chain '${wanted}'; the first model has chains ${names}`);
  }
  return found;
}

/**
 * Parses a structure file and builds a graph per protein chain of its first model.
 * @param fileName used for the ids (`<stem>_<chain>`) and in messages.
 * @param bytes the file, gzip'd or plain, PDB or mmCIF.
 * @returns graphs in chain order, and every chain that could not be used with the reason (nucleic acids,
 * CA-only models, too short or too long). Chains holding only waters or ligands are left out of both.
 * @throws Error naming the file for unreadable input or an unknown `options.chain`.
 */
export async function buildProteinGraphs(
  fileName: string,
  bytes: Uint8Array,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const contactCutoff = options.contactCutoff ?? DEFAULT_CONTACT_CUTOFF_ANGSTROM;
  if (!(contactCutoff > 0)) throw new Error(`${fileName}: contactCutoff must be a positive number of Å`);
  const structure = await parseStructure(fileName, bytes);
  const chains =
    options.chain === undefined ? structure.chains : [pickChain(fileName, structure.chains, options.chain)];
  const graphs: ProteinGraph[] = [];
  const skipped: SkippedItem[] = [];
  for (const chain of chains) {
    const verdict = chainResidues(chain, options.maxResidues);
    if (!verdict.usable) {
      if (verdict.reason !== undefined) {
        skipped.push({ source: `${fileName}:${chainLabel(chain)}`, reason: verdict.reason });
      }
      continue;
    }
    const id = proteinId(fileName, chain.id);
    graphs.push(assembleGraph({ id, residues: verdict.residues, header: structure, contactCutoff }));
  }
  if (options.chain !== undefined && graphs.length === 0 && skipped.length === 0) {
    const reason = 'chain holds no protein residues (only waters or ligands)';
    skipped.push({ source: `${fileName}:${options.chain}`, reason });
  } else if (graphs.length === 0 && skipped.length === 0) {
    // Every "nothing built" has a reason: a file of waters, ions or ligands says so.
    skipped.push({ source: fileName, reason: nothingBuiltReason(chains) });
  }
  return { graphs, skipped };
}

/** Why a file gave no protein although nothing in it was refused: no atoms, or chains of waters and ligands only. */
function nothingBuiltReason(chains: readonly Chain[]): string {
  const residues = chains.flatMap((c) => c.residues);
  if (residues.length === 0) return 'no atoms in the first model: nothing to build';
  const names = [...new Set(residues.map((r) => r.name))];
  const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  return `no protein chain: the first model holds only waters, ions or ligands (${residues.length} residues: ${shown})`;
}
