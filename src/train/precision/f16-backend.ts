/**
 * tfjs backends whose matMuls run with half-precision operands (f16-batch-matmul-kernel.ts) and every other
 * kernel exactly as tfjs's WebGPU backend runs it.
 *
 * tfjs neither requests `shader-f16` nor lets a program put `enable f16;` first in its shader, so we create the
 * device ourselves (with the feature) and let the device's shader-module factory prepend the directive to the
 * shaders that carry `ENABLE_F16_MARKER`. Every other kernel is the WebGPU backend's own, registered again under
 * the new backend's name.
 */
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { f16BatchMatMulKernel } from './f16-batch-matmul-kernel';
import { ENABLE_F16_MARKER, type F16StorageVariant } from './f16-matmul-program';

/** Backend names: 'webgpu-f16' runs real halves (needs shader-f16); the packed one is the check on any adapter. */
export const F16_BACKEND_NAMES: Readonly<Record<F16StorageVariant, string>> = {
  native: 'webgpu-f16',
  packed: 'webgpu-f16-packed',
};

/** The limits tfjs's own WebGPU backend asks for, so models that fit there fit here. */
function requiredLimits(adapter: GPUAdapter): Record<string, number> {
  const l = adapter.limits;
  return {
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxBufferSize: l.maxBufferSize,
    maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
  };
}

/** Lets shaders marked with ENABLE_F16_MARKER compile: WGSL wants `enable f16;` before any declaration. */
function prependEnableF16(device: GPUDevice): GPUDevice {
  const create = device.createShaderModule.bind(device);
  device.createShaderModule = (descriptor: GPUShaderModuleDescriptor) =>
    create(
      descriptor.code.includes(ENABLE_F16_MARKER)
        ? { ...descriptor, code: `enable f16;\n${descriptor.code}` }
        : descriptor,
    );
  return device;
}

function copyWebGpuKernels(backendName: string): void {
  for (const kernel of tf.getKernelsForBackend('webgpu')) {
    if (kernel.kernelName === 'BatchMatMul' || tf.getKernel(kernel.kernelName, backendName)) continue;
    tf.registerKernel({ ...kernel, backendName });
  }
  if (!tf.getKernel('BatchMatMul', backendName))
    tf.registerKernel(
      f16BatchMatMulKernel(backendName, backendName === F16_BACKEND_NAMES.native ? 'native' : 'packed'),
    );
}

/**
 * Registers the backend for `variant` (idempotent) and returns its name. 'native' requires an adapter with
 * `shader-f16` and throws a message saying so otherwise. Select it with `tf.setBackend(name)`.
 */
export async function registerF16Backend(variant: F16StorageVariant, gpu: GPU): Promise<string> {
  const name = F16_BACKEND_NAMES[variant];
  if (tf.findBackendFactory(name)) return name;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter: the f16 matMul backend needs WebGPU');
  if (variant === 'native' && !adapter.features.has('shader-f16'))
    throw new Error('this WebGPU adapter has no shader-f16: half-precision matMuls are not available');
  copyWebGpuKernels(name);
  tf.registerBackend(name, async () => {
    const features: GPUFeatureName[] = variant === 'native' ? ['shader-f16'] : [];
    if (adapter.features.has('timestamp-query')) features.push('timestamp-query');
    const device = await adapter.requestDevice({ requiredFeatures: features, requiredLimits: requiredLimits(adapter) });
    return new WebGPUBackend(variant === 'native' ? prependEnableF16(device) : device, adapter.info);
  });
  return name;
}
