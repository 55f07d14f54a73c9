/**
 * Every protein of a dataset through the tokenizer, one at a time (a batch of one, as the per-protein token request
 * runs it, so both give the same codes), and the files and statistics made from the result. A protein that cannot
 * be read is skipped, named and counted, as the dataset rules have it; the others are still encoded.
 */
import { encodedFasta, residueTable } from '../../data/tokens/encoded-fasta';
import { MAX_CODES } from '../../data/tokens/fasta-alphabet';
import { tokenMeaning } from '../../data/tokens/token-meaning';
import { tokenMeaningCsv } from '../../data/tokens/token-meaning-csv';
import type { ProteinEncoding, TokenMeaning } from '../../protocol/encode-messages';
import type { SkippedItem } from '../../protocol/protein-graph';
import type { ProteinSource } from '../trainer/protein-source';
import { encodeProtein, readWholeProtein } from './encode-protein';
import type { EncodeModel } from './encode-model';

export interface EncodeDatasetOptions {
  readonly seed: number;
  /** After each protein: how many are done of how many, and which one was last. */
  readonly onProgress?: (done: number, total: number, proteinId: string) => void;
}

export interface EncodedDataset {
  readonly encodings: ProteinEncoding[];
  readonly skipped: SkippedItem[];
}

export async function encodeDataset(
  model: EncodeModel,
  source: ProteinSource,
  options: EncodeDatasetOptions,
): Promise<EncodedDataset> {
  const codes = model.modelConfig.quantizer.codes;
  if (codes > MAX_CODES)
    throw new Error(`a codebook of ${codes} codes does not fit the encoded-FASTA alphabet (at most ${MAX_CODES})`);
  const encodings: ProteinEncoding[] = [];
  const skipped: SkippedItem[] = [];
  const total = source.proteinIds.length;
  for (const [k, id] of source.proteinIds.entries()) {
    try {
      encodings.push(
        await encodeProtein(model.params, model.modelConfig, readWholeProtein(source, id, options.seed), options.seed),
      );
    } catch (error) {
      skipped.push({ source: `${source.name}:${id}`, reason: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.(k + 1, total, id);
  }
  return { encodings, skipped };
}

export interface EncodeOutputs {
  readonly fasta: string;
  readonly table: string;
  readonly meaning: TokenMeaning;
  readonly tokensCsv: string;
}

/** The encoded FASTA, the per-residue table and the per-token statistics (and their CSV) of an encoded dataset. */
export function encodeOutputs(
  encodings: readonly ProteinEncoding[],
  codebookSize: number,
  step: number | null,
): EncodeOutputs {
  const meaning = tokenMeaning(encodings, codebookSize, step);
  return {
    fasta: encodedFasta(encodings),
    table: residueTable(encodings),
    meaning,
    tokensCsv: tokenMeaningCsv(meaning),
  };
}
