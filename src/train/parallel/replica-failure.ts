/** How a replica words its failure to the coordinator: a lost device, an out-of-memory error, or another error. */
import type { ReplicaEvent, ReplicaFailureKind } from '../../protocol/replica-messages';

type FailedEvent = Extract<ReplicaEvent, { type: 'failed' }>;

/** tfjs/WebGPU out-of-memory messages (failed allocations, GPUOutOfMemoryError). */
const OUT_OF_MEMORY = /out of memory|outofmemory|failed to allocate|allocation failed|OOM/i;

/** The device reported `lost` for `reason` (a driver reset, another tab, or an injected fault). */
export function deviceLostEvent(reason: string): FailedEvent {
  return { type: 'failed', kind: 'device-lost', message: `the GPU device was lost (${reason})` };
}

/** The failure `error` stands for; once the device is lost (`lostReason`), that is the failure whatever was thrown. */
export function failureEvent(error: unknown, lostReason: string | null): FailedEvent {
  if (lostReason !== null) return deviceLostEvent(lostReason);
  const message = error instanceof Error ? error.message : String(error);
  const kind: ReplicaFailureKind = OUT_OF_MEMORY.test(message) ? 'out-of-memory' : 'error';
  return { type: 'failed', kind, message };
}
