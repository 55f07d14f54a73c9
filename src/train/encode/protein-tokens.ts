/**
 * The structural tokens the current model gives one protein: the whole chain through the encoder and quantizer
 * (no dropout), one code per residue, with its pLDDT (0–1, or null where the file holds B-factors), DSSP class and
 * CA trace, for the teaching view's token strip and 3D view, with the codebook and encoder outputs for its codebook map.
 */
import type { ProteinEncoding } from '../../protocol/encode-messages';
import { encodeProtein, readWholeProtein } from './encode-protein';
import type { ProteinSource } from '../trainer/protein-source';
import type { TrainerParts } from '../trainer/trainer-parts';

export async function proteinTokens(
  parts: TrainerParts,
  source: ProteinSource,
  proteinId: string | undefined,
  seed: number,
): Promise<ProteinEncoding> {
  const id = proteinId ?? source.proteinIds[0];
  if (id === undefined || !source.proteinIds.includes(id))
    throw new Error(`${source.name}: no protein ${proteinId ?? ''}`);
  return encodeProtein(parts.params, parts.modelConfig, readWholeProtein(source, id, seed), seed, {
    withVectors: true,
  });
}
