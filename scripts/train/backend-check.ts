/**
 * Whether the browser's WebGPU probe satisfies `training.backend` (`--backend`) and `--adapter`: `webgpu` needs an adapter, and with
 * `--adapter hardware` a real one — Chromium quietly falls back to SwiftShader, its software adapter, where it finds
 * no usable GPU, and a run on it would be far slower than the user asked for.
 */
import type { GpuProbeReport } from '../../src/protocol/gpu-probe-messages';
import { isSoftwareAdapter as isSoftwareGpu } from '../../src/shared/software-adapter';
import type { TrainingBackendChoice } from '../../src/protocol/run-config';
import type { Adapter } from './cli-args';

/** SwiftShader or another adapter the browser marks as a fallback (software) one. */
export function isSoftwareAdapter(report: GpuProbeReport): boolean {
  return report.available && isSoftwareGpu(report);
}

/** Why the run cannot go ahead on this browser (exit 3), or null when it can; `auto`, `wasm` and `cpu` always can. */
export function backendProblem(
  backend: TrainingBackendChoice,
  adapter: Adapter,
  report: GpuProbeReport | null,
): string | null {
  if (backend !== 'webgpu') return null;
  if (report === null) return '--backend webgpu: the WebGPU probe gave no answer';
  if (!report.available) return `--backend webgpu: no WebGPU adapter in this browser (${report.reason})`;
  if (adapter === 'hardware' && isSoftwareAdapter(report)) {
    return `--backend webgpu --adapter hardware: the browser found no GPU, only the software adapter (${report.vendor} ${report.architecture})`;
  }
  return null;
}
