/**
 * Asks WebGPU for the adapter a trainer worker would use and reports what it can do. Runs inside a dedicated
 * worker, because that is where training runs and where WebGPU must work.
 */
import type { GpuProbeReport } from '../../protocol/gpu-probe-messages';

/** The limits worth showing; every numeric limit is reported, these first. */
const LEADING_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
];

export async function probeWebGpu(gpu: GPU | undefined): Promise<GpuProbeReport> {
  if (!gpu) {
    return {
      available: false,
      reason:
        'This browser has no WebGPU (navigator.gpu is missing). Training needs a WebGPU-capable browser such as a current Chrome.',
    };
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { available: false, reason: `WebGPU refused to give an adapter: ${String(error)}` };
  }
  if (!adapter) {
    return {
      available: false,
      reason: 'WebGPU is present but no adapter is available (the GPU may be blocklisted or disabled).',
    };
  }
  const info = adapter.info;
  const features = [...adapter.features].map(String).sort();
  return {
    available: true,
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter),
    features,
    shaderF16: adapter.features.has('shader-f16'),
    limits: readLimits(adapter.limits),
  };
}

function readLimits(limits: GPUSupportedLimits): Record<string, number> {
  const out: Record<string, number> = {};
  const names = new Set<string>(LEADING_LIMITS);
  // GPUSupportedLimits exposes its entries as prototype getters, so walk the prototype.
  for (let proto: object | null = limits; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) names.add(name);
  }
  for (const name of names) {
    const value: unknown = (limits as unknown as Record<string, unknown>)[name];
    if (typeof value === 'number') out[name] = value;
  }
  return out;
}
