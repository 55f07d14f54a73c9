import { describe, expect, test } from 'vitest';
import { adapterName, isSoftwareAdapter } from './software-adapter';

describe('isSoftwareAdapter', () => {
  test('SwiftShader, llvmpipe, lavapipe, WARP and fallback adapters are software; GPUs are not', () => {
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', device: 'lavapipe' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper' }, true)).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H100 80GB HBM3' })).toBe(
      false,
    );
    expect(isSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3' })).toBe(false);
    expect(isSoftwareAdapter({})).toBe(false);
  });

  test('adapterName joins what the browser reveals', () => {
    expect(adapterName({ vendor: 'google', architecture: 'swiftshader' })).toBe('google swiftshader');
    expect(adapterName({ vendor: 'nvidia', architecture: 'hopper', device: 'H100', description: '' })).toBe(
      'nvidia hopper H100',
    );
    expect(adapterName({})).toBe('unnamed adapter');
  });
});
