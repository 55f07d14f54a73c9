/**
 * Memory of one padded batch, so the studio can warn before a batch size / crop length that does not
 * fit. The dense contact tensors grow as B·L² and dominate for long crops: at B = 10, L = 512 they
 * take 10·512²·(1 + 4) bytes ≈ 13 MB here, before the model's own B·heads·L² attention scores.
 */

/**
 * Bytes held by a `PaddedBatch` (batch-types.ts) of B proteins padded to L residues, with `residueCols` and
 * `proteinCols` summed over the included node types:
 * B·L²·5 (contact mask u8 + distance f32) + B·L·4·(1 + residueCols) (mask, features) + B·4·proteinCols
 * + B·12 (lengths, fullLengths, cropStarts) + B·4 (contactCounts).
 */
export function paddedBatchBytes(
  batchSize: number,
  paddedLength: number,
  residueCols: number,
  proteinCols: number,
): number {
  const b = batchSize;
  const l = paddedLength;
  return b * l * l * 5 + b * l * 4 * (1 + residueCols) + b * 4 * proteinCols + b * 16;
}
