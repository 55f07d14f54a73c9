import { describe, expect, test } from 'vitest';
import { probeWebGpu } from './webgpu-probe';

class FakeLimits {
  get maxBufferSize() {
    return 1 << 30;
  }
  get maxStorageBufferBindingSize() {
    return 1 << 27;
  }
  get maxComputeWorkgroupSizeX() {
    return 256;
  }
}

function fakeGpu(adapter: unknown): GPU {
  return { requestAdapter: async () => adapter } as unknown as GPU;
}

describe('probeWebGpu', () => {
  test('says plainly when WebGPU is absent', async () => {
    const report = await probeWebGpu(undefined);
    expect(report.available).toBe(false);
    if (!report.available) expect(report.reason).toMatch(/no WebGPU/);
  });

  test('says so when no adapter is given', async () => {
    const report = await probeWebGpu(fakeGpu(null));
    expect(report).toMatchObject({ available: false });
  });

  test('reports adapter identity, sorted features, shader-f16 and every numeric limit from prototype getters', async () => {
    const adapter = {
      info: { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader' },
      features: new Set(['timestamp-query', 'bgra8unorm-storage']),
      limits: new FakeLimits(),
    };
    const report = await probeWebGpu(fakeGpu(adapter));
    expect(report).toMatchObject({
      available: true,
      vendor: 'google',
      architecture: 'swiftshader',
      shaderF16: false,
      features: ['bgra8unorm-storage', 'timestamp-query'],
      limits: { maxBufferSize: 1 << 30, maxStorageBufferBindingSize: 1 << 27, maxComputeWorkgroupSizeX: 256 },
    });
  });

  test('detects shader-f16', async () => {
    const adapter = {
      info: { vendor: 'v', architecture: 'a', device: 'd', description: '' },
      features: new Set(['shader-f16']),
      limits: new FakeLimits(),
    };
    const report = await probeWebGpu(fakeGpu(adapter));
    expect(report.available && report.shaderF16).toBe(true);
  });
});
