/// <reference lib="webworker" />
/** Entry of the WebGPU probe worker: answers one `probe` request with the adapter report. */
import { isGpuProbeRequest, type GpuProbeEvent } from '../src/protocol/gpu-probe-messages';
import { probeWebGpu } from '../src/train/backends/webgpu-probe';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<unknown>) => {
  if (!isGpuProbeRequest(event.data)) return;
  const report = await probeWebGpu(self.navigator.gpu);
  const reply: GpuProbeEvent = { type: 'probe-result', report };
  self.postMessage(reply);
};
