/**
 * The padded, dense batch a trainer feeds to the model: typed arrays with explicit row-major shapes,
 * never tensors (model/ turns them into tensors). B = proteins in the batch, L = padded length (the
 * longest cropped protein), C = a node type's column count. Built by `padBatch` in src/data/batch.
 */
import type { NodeTypeName } from './protein-graph';

/** One node type's values in the batch. Per-residue: `data` is B×L×C; per-protein: B×C. */
export interface BatchFeature {
  readonly data: Float32Array;
  readonly cols: number;
}

export interface PaddedBatch {
  /** B, the number of proteins. */
  readonly batchSize: number;
  /** L, the longest cropped length in the batch; every per-residue array is padded to it. */
  readonly paddedLength: number;
  /** Protein ids (`structs/<id>`), length B, batch order. */
  readonly ids: readonly string[];
  /** Cropped one-letter sequences, length B; sequence b has `lengths[b]` letters. */
  readonly sequences: readonly string[];
  /** Residues kept per protein after cropping (Int32Array B). Row i of protein b is real iff i < lengths[b]. */
  readonly lengths: Int32Array;
  /** Residue counts before cropping (Int32Array B). */
  readonly fullLengths: Int32Array;
  /** Crop offsets (Int32Array B): padded row i of protein b is original residue `cropStarts[b] + i`. */
  readonly cropStarts: Int32Array;
  /**
   * Uint8Array B: 1 where the protein's `plddt` column is model confidence (`plddtSource === 'plddt'`), so
   * pLDDT masking applies to it; experimental B-factors never mask anything.
   */
  readonly plddtIsConfidence: Uint8Array;
  /** Float32Array B×L: 1 for real residues, 0 for padding. */
  readonly residueMask: Float32Array;
  /** Per-residue node types, each B×L×C with zeros in padding rows. */
  readonly residueFeatures: Readonly<Partial<Record<NodeTypeName, BatchFeature>>>;
  /** One-row-per-protein node types (`fourier2dr/di`), each B×C. */
  readonly proteinFeatures: Readonly<Partial<Record<NodeTypeName, BatchFeature>>>;
  /**
   * Uint8Array B×L×L indexed [b, src, dst]: 1 where the contact edge src→dst (`res_contactPoints_res`)
   * survives the crop, in cropped residue numbering. Messages flow src → dst, so an attention layer
   * whose queries are targets uses the transpose (identical for the symmetric contact graph).
   */
  readonly contactMask: Uint8Array;
  /** Float32Array B×L×L indexed [b, src, dst]: the edge's CA–CA distance in Å where the mask is 1, else 0. */
  readonly contactDistance: Float32Array;
  /** Contact edges kept per protein (Int32Array B): the number of ones in its L×L mask slice. */
  readonly contactCounts: Int32Array;
}
