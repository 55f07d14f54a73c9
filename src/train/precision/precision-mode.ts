/**
 * The run's numeric precision, decided once from what the WebGPU adapter offers and what the user asked for.
 * tfjs has no float16 dtype and never requests `shader-f16`, so 'f16-mixed' means our own f16 kernels (f32
 * accumulation) on a device created with `requiredFeatures: ['shader-f16']`, plus dynamic loss scaling. WebGPU
 * has no bfloat16, so FoldTree2's preferred bf16 autocast has no counterpart here.
 */

export const PRECISION_MODES = ['f32', 'f16-mixed'] as const;
export type PrecisionMode = (typeof PRECISION_MODES)[number];

/** Shown to the user when mixed precision was asked for but the adapter cannot do it. Exact text. */
export const F32_NO_SHADER_F16_LABEL = 'f32 (no shader-f16)';

export interface PrecisionDecision {
  readonly mode: PrecisionMode;
  /** User-facing text: 'f16-mixed', 'f32', or 'f32 (no shader-f16)'. */
  readonly label: string;
  /** Features to request when creating the device (`GPUDeviceDescriptor.requiredFeatures`). */
  readonly requiredFeatures: readonly string[];
  /** Whether a dynamic loss scaler must run (only with f16 gradients). */
  readonly lossScaling: boolean;
}

/**
 * 'f16-mixed' only when the adapter lists `shader-f16` AND the user asked for mixed precision; otherwise 'f32'.
 * @param adapterFeatures `GPUAdapter.features` (or the probe report's `features` list).
 * @param mixedPrecisionRequested the run config's mixed-precision switch (FoldTree2 `mixed_precision`).
 */
export function decidePrecision(
  adapterFeatures: Iterable<string>,
  mixedPrecisionRequested: boolean,
): PrecisionDecision {
  const hasShaderF16 = new Set(adapterFeatures).has('shader-f16');
  if (mixedPrecisionRequested && hasShaderF16) {
    return { mode: 'f16-mixed', label: 'f16-mixed', requiredFeatures: ['shader-f16'], lossScaling: true };
  }
  return {
    mode: 'f32',
    label: mixedPrecisionRequested ? F32_NO_SHADER_F16_LABEL : 'f32',
    requiredFeatures: [],
    lossScaling: false,
  };
}
