/**
 * Collects atom records of one model into chains and residues, resolving alternate locations, so the PDB and
 * mmCIF readers share one definition of "one conformer per atom".
 */
import type { Atom, Chain, Residue } from './structure-types';

/** One ATOM/HETATM record as both file formats deliver it. Coordinates in Å. */
export interface AtomRecord {
  readonly chainId: string;
  readonly residueName: string;
  readonly seqNum: number;
  readonly insertionCode: string;
  readonly hetero: boolean;
  readonly atomName: string;
  /** Alternate-location indicator, '' when blank. */
  readonly altLoc: string;
  readonly element: string;
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly occupancy: number;
  readonly bFactor: number;
}

interface ResidueBuilder {
  readonly name: string;
  readonly seqNum: number;
  readonly insertionCode: string;
  readonly hetero: boolean;
  readonly atoms: Map<string, Atom>;
  /** Whether the kept atom of each name came from an alternate-location record. */
  readonly alternate: Map<string, boolean>;
}

interface ChainBuilder {
  readonly id: string;
  /** 1 for the first block of records with this chain id, 2 when the id comes back after another chain, … */
  readonly block: number;
  readonly residues: ResidueBuilder[];
  readonly byKey: Map<string, ResidueBuilder>;
}

/**
 * Builds chains in order of first appearance. Alternate locations: per atom name the record with the highest
 * occupancy wins, the first one on ties (Bio.PDB's choice too). A conformer that changes the residue type
 * (microheterogeneity, e.g. altloc A = SER, altloc B = THR) is dropped so one residue never mixes two types.
 *
 * A chain id that comes back after another chain (A, B, then A again) starts a separate block: merged by residue
 * number, a second copy would silently fall onto the first. A later block holding polymer residues (ATOM records
 * with a CA atom) becomes its own chain, id `A-2`; one holding only waters and ligands (the usual HETATM section
 * at the end of a PDB file) joins the first block, as before.
 */
export class StructureAccumulator {
  /** Every block in order; `latest` is the current block of each chain id. */
  private readonly blocks: ChainBuilder[] = [];
  private readonly latest = new Map<string, ChainBuilder>();
  private lastId: string | null = null;

  add(record: AtomRecord): void {
    const chain = this.chainFor(record.chainId);
    const residue = this.residueFor(chain, record);
    if (residue === undefined) return;
    const atom: Atom = {
      name: record.atomName,
      element: record.element,
      x: record.x,
      y: record.y,
      z: record.z,
      bFactor: record.bFactor,
      occupancy: record.occupancy,
    };
    const existing = residue.atoms.get(atom.name);
    const isAlternate = record.altLoc !== '';
    if (existing === undefined) {
      residue.atoms.set(atom.name, atom);
      residue.alternate.set(atom.name, isAlternate);
      return;
    }
    // Two records for one atom name without altloc are a file error; keeping the first is the safe reading.
    const eitherAlternate = isAlternate || residue.alternate.get(atom.name) === true;
    if (eitherAlternate && atom.occupancy > existing.occupancy) {
      residue.atoms.set(atom.name, atom);
      residue.alternate.set(atom.name, isAlternate);
    }
  }

  /** Chains in order of first appearance (a separate later block after them); residues in file order. */
  finish(): Chain[] {
    const first = new Map<string, ChainBuilder>();
    const kept: ChainBuilder[] = [];
    for (const block of this.blocks) {
      const head = first.get(block.id);
      if (!head) {
        first.set(block.id, block);
        kept.push(block);
      } else if (block.residues.some((r) => !r.hetero && r.atoms.has('CA'))) kept.push(block);
      else head.residues.push(...block.residues);
    }
    return kept.map((chain) => ({
      id: chain.block === 1 ? chain.id : `${chain.id}-${chain.block}`,
      residues: chain.residues.map((r): Residue => ({
        name: r.name,
        seqNum: r.seqNum,
        insertionCode: r.insertionCode,
        hetero: r.hetero,
        atoms: r.atoms,
      })),
    }));
  }

  private chainFor(id: string): ChainBuilder {
    const current = this.latest.get(id);
    if (current !== undefined && this.lastId === id) return current;
    const chain: ChainBuilder = { id, block: (current?.block ?? 0) + 1, residues: [], byKey: new Map() };
    this.latest.set(id, chain);
    this.blocks.push(chain);
    this.lastId = id;
    return chain;
  }

  private residueFor(chain: ChainBuilder, record: AtomRecord): ResidueBuilder | undefined {
    const key = `${record.seqNum}|${record.insertionCode}`;
    const first = chain.byKey.get(key);
    if (first !== undefined && first.name === record.residueName) return first;
    if (first !== undefined && record.altLoc !== '') return undefined;
    // A different residue sharing the number (no altloc): keep it apart under a name-qualified key.
    const fullKey = first === undefined ? key : `${key}|${record.residueName}`;
    let residue = chain.byKey.get(fullKey);
    if (residue === undefined) {
      residue = {
        name: record.residueName,
        seqNum: record.seqNum,
        insertionCode: record.insertionCode,
        hetero: record.hetero,
        atoms: new Map(),
        alternate: new Map(),
      };
      chain.byKey.set(fullKey, residue);
      chain.residues.push(residue);
    }
    return residue;
  }
}
