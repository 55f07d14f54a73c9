/** Page ⇄ WebGPU probe worker contract: what the adapter a trainer worker would get can do. */
import { isRecord } from '../shared/assert-never';

export interface GpuAdapterReport {
  readonly available: true;
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter: boolean;
  readonly features: readonly string[];
  readonly shaderF16: boolean;
  /** Every numeric `GPUSupportedLimits` entry, by name. */
  readonly limits: Readonly<Record<string, number>>;
}

export interface GpuUnavailableReport {
  readonly available: false;
  /** Plain-language reason, e.g. "This browser has no WebGPU (navigator.gpu is missing)". */
  readonly reason: string;
}

export type GpuProbeReport = GpuAdapterReport | GpuUnavailableReport;

export type GpuProbeRequest = { readonly type: 'probe' };
export type GpuProbeEvent = { readonly type: 'probe-result'; readonly report: GpuProbeReport };

export function isGpuProbeRequest(value: unknown): value is GpuProbeRequest {
  return isRecord(value) && value['type'] === 'probe';
}

export function isGpuProbeEvent(value: unknown): value is GpuProbeEvent {
  return (
    isRecord(value) &&
    value['type'] === 'probe-result' &&
    isRecord(value['report']) &&
    typeof value['report']['available'] === 'boolean'
  );
}
