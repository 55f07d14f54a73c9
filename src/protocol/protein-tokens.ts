/**
 * What the current model makes of one protein, as the coordinator reports it: its structural tokens, and for the
 * teaching view the codebook and the encoder outputs before quantization.
 */

/** One protein's structural tokens under the current weights (the teaching view's token strip). */
export interface ProteinTokens {
  readonly proteinId: string;
  readonly sequence: string;
  /** One code per residue, 0 … codebookSize − 1. */
  readonly codes: readonly number[];
  /** Per-residue pLDDT (0–1) where the file holds model confidence; null for B-factors. */
  readonly plddt: readonly number[] | null;
  readonly codebookSize: number;
  /** DSSP class per residue (0 loop, 1 helix, 2 strand, −1 unknown), for the 3D view. */
  readonly ss?: readonly number[];
  /** CA coordinates in Å, residue-major (N × 3), for the 3D view. */
  readonly ca?: readonly number[];
  /** The codebook and each residue's encoder output before quantization, for the teaching view's codebook map. */
  readonly vectors?: CodebookVectors;
}

/** Code vectors and encoder outputs in one space: what the codebook map projects to a plane. */
export interface CodebookVectors {
  /** Width D of every vector. */
  readonly dim: number;
  /** The codebook [K × D], row-major: row k is code k. */
  readonly codebook: readonly number[];
  /** Encoder outputs z [N × D], row-major, one row per residue of the protein. */
  readonly outputs: readonly number[];
}
