import { describe, expect, it } from 'vitest';
import { decidePrecision, F32_NO_SHADER_F16_LABEL } from './precision-mode';

describe('decidePrecision', () => {
  it('uses f16-mixed only with shader-f16 AND mixed precision requested', () => {
    expect(decidePrecision(['timestamp-query', 'shader-f16'], true)).toEqual({
      mode: 'f16-mixed',
      label: 'f16-mixed',
      requiredFeatures: ['shader-f16'],
      lossScaling: true,
    });
    expect(decidePrecision(new Set(['shader-f16']), false)).toMatchObject({
      mode: 'f32',
      label: 'f32',
      lossScaling: false,
    });
    expect(decidePrecision([], false)).toMatchObject({ mode: 'f32', label: 'f32', requiredFeatures: [] });
  });

  it('says "f32 (no shader-f16)" when mixed precision was asked for but the adapter lacks it', () => {
    const decision = decidePrecision(['timestamp-query', 'bgra8unorm-storage'], true); // SwiftShader's situation
    expect(decision.mode).toBe('f32');
    expect(decision.label).toBe('f32 (no shader-f16)');
    expect(F32_NO_SHADER_F16_LABEL).toBe('f32 (no shader-f16)');
  });
});
