/** Page ⇄ model-bench worker contract: time the model per preset and backend, or compare two backends. */
import { isRecord } from '../shared/assert-never';
import { isArrayOf, isNumber, isString } from './field-guards';
import { tagOnly, unionGuard, type FieldCheck } from './union-guard';

export interface ModelTiming {
  readonly preset: string;
  readonly backend: string;
  readonly proteins: number;
  readonly paddedLength: number;
  readonly residues: number;
  readonly parameters: number;
  /** Median wall time of one forward pass, ms. */
  readonly forwardMs: number;
  /** Median wall time of forward + every loss + every gradient, ms. */
  readonly forwardBackwardMs: number;
}

export interface BackendComparison {
  readonly backends: readonly [string, string];
  readonly preset: string;
  readonly loss: { readonly relative: number; readonly at: string };
  readonly gradient: { readonly relative: number; readonly at: string };
  /** ‖Δg‖₂ / ‖g‖₂ over all gradients together. */
  readonly gradientNorm: number;
}

/** One shape of the f16 matMul check (src/train/precision/f16-matmul-check.ts). */
export interface F16MatMulCase {
  readonly label: string;
  /** Largest |backend − half-rounded float64 reference| / Σ|a·b| over the outputs: f32 accumulation error only. */
  readonly vsHalfReference: number;
  /** Largest |backend − exact float32 product| / Σ|a·b|: the operand rounding the kernel really applies. */
  readonly vsFloat32: number;
}

export interface F16MatMulReport {
  readonly backend: string;
  readonly cases: readonly F16MatMulCase[];
  /** An operand of 70,000 (beyond the half range) made the product ±Infinity, as in PyTorch autocast. */
  readonly overflowGivesInfinity: boolean;
}

/** The f16 matMul kernel checked on this adapter: 'native' halves with shader-f16, else the 'packed' check. */
export interface F16Check {
  readonly variant: 'native' | 'packed';
  readonly adapterHasShaderF16: boolean;
  readonly matMul: F16MatMulReport;
  /** The whole model differentiated with f16 matMuls against the float32 CPU backend. */
  readonly model: BackendComparison;
}

/** Which real proteins of the sample to use: `proteins` from `offset`, cropped to `maxLength`. */
export interface BenchBatchSpec {
  readonly sampleUrl: string;
  readonly proteins: number;
  readonly offset: number;
  readonly maxLength: number;
}

export type ModelBenchRequest =
  | {
      readonly type: 'benchmark';
      readonly requestId: number;
      readonly batch: BenchBatchSpec;
      readonly presets: readonly string[];
      readonly backends: readonly string[];
      readonly repeats: number;
    }
  | {
      readonly type: 'compare-backends';
      readonly requestId: number;
      readonly batch: BenchBatchSpec;
      readonly preset: string;
      readonly backends: readonly [string, string];
    }
  | { readonly type: 'check-f16'; readonly requestId: number; readonly batch: BenchBatchSpec; readonly preset: string };

export type ModelBenchEvent =
  | { readonly type: 'timing'; readonly requestId: number; readonly timing: ModelTiming }
  | { readonly type: 'benchmark-done'; readonly requestId: number }
  | { readonly type: 'comparison'; readonly requestId: number; readonly comparison: BackendComparison }
  | { readonly type: 'f16-check'; readonly requestId: number; readonly check: F16Check }
  | { readonly type: 'failed'; readonly requestId: number; readonly message: string };

function isBatchSpec(value: unknown): value is BenchBatchSpec {
  return (
    isRecord(value) &&
    isString(value['sampleUrl']) &&
    isNumber(value['proteins']) &&
    isNumber(value['offset']) &&
    isNumber(value['maxLength'])
  );
}

/** Every bench message names the request it belongs to. */
const hasRequestId: FieldCheck = (value) => isNumber(value['requestId']);

const isStrings = (value: unknown): value is string[] => isArrayOf(value, isString);

export const isModelBenchRequest = unionGuard<ModelBenchRequest>(
  {
    benchmark: (value) => isStrings(value['presets']) && isStrings(value['backends']) && isNumber(value['repeats']),
    'compare-backends': (value) =>
      isString(value['preset']) && isStrings(value['backends']) && value['backends'].length === 2,
    'check-f16': (value) => isString(value['preset']),
  },
  (value) => hasRequestId(value) && isBatchSpec(value['batch']),
);

export const isModelBenchEvent = unionGuard<ModelBenchEvent>(
  {
    timing: (value) => isRecord(value['timing']),
    'benchmark-done': tagOnly,
    comparison: (value) => isRecord(value['comparison']),
    'f16-check': (value) => isRecord(value['check']),
    failed: (value) => isString(value['message']),
  },
  hasRequestId,
);
