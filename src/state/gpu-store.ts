/** What the WebGPU probe worker reported about this browser's adapter. */
import { create } from 'zustand';
import { probeGpuInWorker } from '../client/gpu-probe-client';
import type { GpuProbeReport } from '../protocol/gpu-probe-messages';

export interface GpuState {
  readonly status: 'idle' | 'probing' | 'done';
  readonly report: GpuProbeReport | null;
}

export const useGpuStore = create<GpuState>()(() => ({ status: 'idle', report: null }));

export async function probeGpu(): Promise<void> {
  if (typeof Worker === 'undefined') {
    useGpuStore.setState({
      status: 'done',
      report: { available: false, reason: 'This browser cannot start Web Workers.' },
    });
    return;
  }
  useGpuStore.setState({ status: 'probing' });
  const report = await probeGpuInWorker();
  useGpuStore.setState({ status: 'done', report });
}
