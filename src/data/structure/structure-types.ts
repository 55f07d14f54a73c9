/**
 * A parsed coordinate file (PDB or mmCIF), reduced to what the graph builder needs: the first model's
 * polymer chains with one resolved conformer per atom. Coordinates in Å.
 */

export interface Atom {
  /** Atom name, trimmed (`CA`, `N`, `C`, `O`, ...). */
  readonly name: string;
  readonly element: string;
  readonly x: number;
  readonly y: number;
  readonly z: number;
  /** B-factor column (pLDDT in AlphaFold models). */
  readonly bFactor: number;
  readonly occupancy: number;
}

export interface Residue {
  /** Three-letter residue name as written in the file (MSE stays MSE here; the builder maps it). */
  readonly name: string;
  /** Author residue number. */
  readonly seqNum: number;
  /** Insertion code, '' when blank. */
  readonly insertionCode: string;
  /** True for HETATM records (MSE is HETATM in most files). */
  readonly hetero: boolean;
  /** Atoms by name, after alternate locations are resolved (highest occupancy, first on ties). */
  readonly atoms: ReadonlyMap<string, Atom>;
}

export interface Chain {
  /** Author chain id; '' for a blank chain column. */
  readonly id: string;
  readonly residues: readonly Residue[];
}

export interface ParsedStructure {
  /** File name the structure came from, for messages. */
  readonly fileName: string;
  /** TITLE / `_struct.title` text, '' when absent. */
  readonly title: string;
  /** Number of models in the file; only the first is kept. */
  readonly modelCount: number;
  /** Chains of the first model, in file order. */
  readonly chains: readonly Chain[];
  /** Experimental method (PDB `EXPDTA`, mmCIF `_exptl.method`, several joined by '; '), '' when absent. */
  readonly experimentalMethod: string;
  /**
   * True when the file declares a real unit cell (PDB `CRYST1`, mmCIF `_cell.length_*`). The 1 Å × 1 Å × 1 Å
   * placeholder cell that predictors and many programs write does not count.
   */
  readonly hasUnitCell: boolean;
  /**
   * Name of the structure predictor the header names (`AlphaFold`, `ColabFold`, `ESMFold`, ...), or `ModelCIF`
   * for a ModelCIF file with a local QA metric; '' when no such marker is present.
   */
  readonly predictor: string;
}
