/** Runs the WebGPU probe in a dedicated worker (where trainers will run) and returns its report. */
import { isGpuProbeEvent, type GpuProbeReport, type GpuProbeRequest } from '../protocol/gpu-probe-messages';

export function probeGpuInWorker(timeoutMs = 30_000): Promise<GpuProbeReport> {
  const worker = new Worker(new URL('../../workers/gpu-probe.worker.ts', import.meta.url), {
    type: 'module',
    name: 'gpu-probe',
  });
  return new Promise<GpuProbeReport>((resolve) => {
    const finish = (report: GpuProbeReport) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(report);
    };
    const timer = setTimeout(
      () => finish({ available: false, reason: `The WebGPU probe did not answer within ${timeoutMs / 1000} s.` }),
      timeoutMs,
    );
    worker.onmessage = (event: MessageEvent<unknown>) => {
      if (isGpuProbeEvent(event.data)) finish(event.data.report);
    };
    worker.onerror = (event: ErrorEvent) =>
      finish({ available: false, reason: `The WebGPU probe worker failed: ${event.message || 'unknown error'}` });
    const request: GpuProbeRequest = { type: 'probe' };
    worker.postMessage(request);
  });
}
