/**
 * The CLI's memory pre-flight: before the studio starts a trainer, the estimated peak of one step for the config,
 * the dataset's longest protein (or the crop) and the backend the trainers will use — refused with the pre-flight's
 * one line (exit 2) when it cannot fit.
 */
import h5wasm from 'h5wasm/node';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { densestContactsPerResidue } from '../../src/data/hdf5/contact-density';
import { closeStructsFile, openStructsFile } from '../../src/data/hdf5/open-file';
import { readIndex } from '../../src/data/hdf5/read-index';
import { parameterCount } from '../../src/model/params/parameter-spec';
import { modelSpecs } from '../../src/model/model-specs';
import type { GpuProbeReport } from '../../src/protocol/gpu-probe-messages';
import type { RunConfig } from '../../src/protocol/run-config';
import { isSoftwareAdapter } from '../../src/shared/software-adapter';
import { memoryRefusal, type PreflightTarget } from '../../src/train/memory/memory-preflight';
import { stepSizeOf } from '../../src/train/memory/step-size';
import { modelConfigFromRun } from '../../src/model/run-model-config';

const SAMPLE = fileURLToPath(new URL('../../public/sample/sample-structs.h5', import.meta.url));

/** What `training.backend` resolves to in a browser whose probe gave `gpu` (auto: WebGPU on a hardware adapter). */
export function preflightTarget(config: RunConfig, gpu: GpuProbeReport | null): PreflightTarget {
  const choice = config.training.backend;
  const hardware = gpu !== null && gpu.available && !gpu.isFallbackAdapter && !isSoftwareAdapter(gpu);
  if (choice === 'wasm' || choice === 'cpu') return { backend: choice };
  if (choice === 'auto' && !hardware) return { backend: 'wasm' };
  const limit = gpu?.available ? gpu.limits['maxStorageBufferBindingSize'] : undefined;
  return limit === undefined ? { backend: 'webgpu' } : { backend: 'webgpu', maxBufferBytes: limit };
}

/** The refusal line for training `config` on `datasetPath` (null: the bundled sample), or null when a step fits. */
export async function memoryProblem(
  config: RunConfig,
  datasetPath: string | null,
  target: PreflightTarget,
): Promise<string | null> {
  await h5wasm.ready;
  const path = datasetPath ?? SAMPLE;
  const handle = await openStructsFile(h5wasm, path, basename(path));
  try {
    const index = readIndex(handle);
    const model = modelConfigFromRun(config);
    const parameters = parameterCount(modelSpecs(model, index.resWidth ?? 0));
    return memoryRefusal(
      model,
      stepSizeOf(
        config,
        index.proteins.map((p) => p.length),
        () => densestContactsPerResidue(handle, index.proteins),
      ),
      parameters,
      target,
    );
  } finally {
    closeStructsFile(handle);
  }
}
