import { describe, expect, it } from 'vitest';
import type { GpuAdapterReport } from '../../src/protocol/gpu-probe-messages';
import { backendProblem, isSoftwareAdapter } from './backend-check';

const adapter = (overrides: Partial<GpuAdapterReport>): GpuAdapterReport => ({
  available: true,
  vendor: 'nvidia',
  architecture: 'hopper',
  device: '',
  description: '',
  isFallbackAdapter: false,
  features: [],
  shaderF16: true,
  limits: {},
  ...overrides,
});
const swiftshader = adapter({ vendor: 'google', architecture: 'swiftshader', shaderF16: false });

describe('backendProblem', () => {
  it('lets auto and wasm run whatever the browser has', () => {
    expect(backendProblem('auto', 'swiftshader', { available: false, reason: 'no WebGPU' })).toBeNull();
    expect(backendProblem('wasm', 'hardware', null)).toBeNull();
  });

  it('refuses webgpu without an adapter, with the probe’s reason', () => {
    expect(backendProblem('webgpu', 'swiftshader', { available: false, reason: 'navigator.gpu is missing' })).toBe(
      '--backend webgpu: no WebGPU adapter in this browser (navigator.gpu is missing)',
    );
    expect(backendProblem('webgpu', 'swiftshader', null)).toMatch(/no answer/);
  });

  it('takes SwiftShader when it was asked for, and refuses it when a GPU was', () => {
    expect(backendProblem('webgpu', 'swiftshader', swiftshader)).toBeNull();
    expect(backendProblem('webgpu', 'hardware', swiftshader)).toMatch(
      /found no GPU, only the software adapter \(google swiftshader\)/,
    );
    expect(backendProblem('webgpu', 'hardware', adapter({}))).toBeNull();
  });

  it('counts fallback adapters as software ones', () => {
    expect(isSoftwareAdapter(adapter({ isFallbackAdapter: true }))).toBe(true);
    expect(isSoftwareAdapter(swiftshader)).toBe(true);
    expect(isSoftwareAdapter(adapter({}))).toBe(false);
    expect(isSoftwareAdapter({ available: false, reason: 'x' })).toBe(false);
  });
});
