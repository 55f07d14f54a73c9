/**
 * Page ⇄ encode worker contract. The page hands the worker a weights file (the run's current weights or one the user
 * picked), the config those weights were trained with and a dataset; the worker runs every protein through the
 * encoder and quantizer, streams progress, and answers with the encoded FASTA, the per-residue table and what each
 * token means. One job at a time: the page's client ends the worker to cancel a job.
 */
import { isRecord } from '../shared/assert-never';
import type { TrainingDataset } from './coordinator-commands';
import { isNumber, isString } from './field-guards';
import type { SkippedItem } from './protein-graph';
import type { ProteinTokens } from './protein-tokens';
import type { RunConfig } from './run-config';
import { unionGuard, type FieldCheck } from './union-guard';

/** DSSP's three classes as the dataset's `ss` one-hot holds them, by column: loop, helix, strand. */
export const DSSP_CLASSES = ['C', 'H', 'E'] as const;
export type DsspClass = (typeof DSSP_CLASSES)[number];

/**
 * One protein's tokens with what the 3D view and the token statistics need besides: its DSSP classes (`ss`, −1
 * where the file holds none) and CA coordinates (`ca`), always present here.
 */
export type ProteinEncoding = ProteinTokens & Required<Pick<ProteinTokens, 'ss' | 'ca'>>;

/** What one code stands for over a dataset. Fractions are of the code's residues (0–1). */
export interface CodeMeaning {
  readonly code: number;
  readonly residues: number;
  readonly helix: number;
  readonly strand: number;
  readonly coil: number;
  /** Mean pLDDT (0–1) over the code's residues that carry model confidence; null when none do. */
  readonly meanPlddt: number | null;
  /** The code's most frequent amino acids, most frequent first, with their fraction of the code's residues. */
  readonly topAminoAcids: readonly { readonly aa: string; readonly fraction: number }[];
}

/** Per-code statistics and mutual information (bits) for one set of weights over one dataset. */
export interface TokenMeaning {
  /** Optimizer step of the weights; null for a weights file without one. */
  readonly step: number | null;
  readonly proteins: number;
  readonly residues: number;
  readonly codebookSize: number;
  /** Codes 0 … K−1, unused ones with zero residues. */
  readonly codes: readonly CodeMeaning[];
  /** I(token; DSSP class) in bits. */
  readonly miSecondaryStructure: number;
  /** I(token; amino acid) in bits. */
  readonly miAminoAcid: number;
}

/** A finished encode job. */
export interface EncodeResult {
  readonly datasetName: string;
  readonly weightsName: string;
  /** The encoded FASTA (docs/encoded-fasta.md), one record per protein. */
  readonly fasta: string;
  /** Tab-separated: protein, residue, amino_acid, token, plddt, dssp; one row per residue. */
  readonly table: string;
  readonly encodings: readonly ProteinEncoding[];
  readonly skipped: readonly SkippedItem[];
  readonly meaning: TokenMeaning;
  /** `meaning` as CSV, one row per code (the token table's download). */
  readonly tokensCsv: string;
  readonly seconds: number;
}

export interface EncodeWeights {
  readonly name: string;
  /** safetensors (studio or FoldTree2 names) or a `.ftsckpt` checkpoint. */
  readonly bytes: ArrayBuffer;
  /** Optimizer step the weights are from, when known. */
  readonly step: number | null;
}

export type EncodeCommand = {
  readonly type: 'encode';
  readonly job: number;
  readonly config: RunConfig;
  readonly weights: EncodeWeights;
  readonly dataset: TrainingDataset;
};

export type EncodeEvent =
  | {
      readonly type: 'progress';
      readonly job: number;
      readonly done: number;
      readonly total: number;
      readonly proteinId: string;
    }
  | { readonly type: 'log'; readonly job: number; readonly message: string }
  | { readonly type: 'result'; readonly job: number; readonly result: EncodeResult }
  | { readonly type: 'failed'; readonly job: number; readonly message: string };

/** Every encode message names the job it belongs to. */
const hasJob: FieldCheck = (value) => isNumber(value['job']);

export const isEncodeCommand = unionGuard<EncodeCommand>(
  {
    encode: (value) =>
      isRecord(value['config']) &&
      isRecord(value['dataset']) &&
      isRecord(value['weights']) &&
      value['weights']['bytes'] instanceof ArrayBuffer,
  },
  hasJob,
);

export const isEncodeEvent = unionGuard<EncodeEvent>(
  {
    progress: (value) => isNumber(value['done']) && isNumber(value['total']),
    log: (value) => isString(value['message']),
    failed: (value) => isString(value['message']),
    result: (value) => isRecord(value['result']),
  },
  hasJob,
);
