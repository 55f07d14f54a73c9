/** A replica's weight fingerprint as it crosses from a trainer to the coordinator (src/train/parallel/weight-checksum.ts). */

/** One parameter's summary. */
export interface ParameterChecksum {
  readonly name: string;
  /** Number of float32 entries. */
  readonly size: number;
  /** Σx in float64. */
  readonly sum: number;
  /** Σx² in float64. */
  readonly sumSquares: number;
  /** FNV-1a (32 bit) of this parameter's float32 bit patterns, 8 hex digits. */
  readonly hash: string;
}

export interface WeightChecksum {
  /** Per parameter, sorted by name (code-unit order). */
  readonly parameters: readonly ParameterChecksum[];
  /**
   * FNV-1a (32 bit), 8 hex digits, over every parameter in name order: the name's length (uint32 LE), its UTF-16LE
   * code units, the entry count (uint32 LE), then the float32 entries' bytes (little-endian).
   */
  readonly hash: string;
}
