/**
 * The encode worker's logic, free of the worker global: opens the dataset (skipped proteins of the index named and
 * counted), loads the weights' encoder and codebook, encodes every protein with progress, and answers with the
 * encoded FASTA, the per-residue table and the token statistics. Tests call `handle` directly in Node.
 */
import { closeStructsFile, openStructsFile } from '../../data/hdf5/open-file';
import type { H5Wasm } from '../../data/hdf5/h5-types';
import { readIndex } from '../../data/hdf5/read-index';
import type { EncodeCommand, EncodeEvent } from '../../protocol/encode-messages';
import type { TrainingBackendChoice } from '../../protocol/run-config';
import type { TrainingDataset } from '../../protocol/coordinator-messages';
import { hdf5Source } from '../trainer/protein-source';
import { encodeDataset, encodeOutputs } from './encode-dataset';
import { loadEncodeModel } from './encode-model';

export interface EncodePlatform {
  readonly h5: H5Wasm;
  openDataset(dataset: TrainingDataset): Promise<{ path: string; name: string; release(): void }>;
  /** Activates the tfjs backend the run trains on, so tokens match the run's own; returns its name. */
  prepareBackend(choice: TrainingBackendChoice): Promise<string>;
  post(event: EncodeEvent): void;
}

/** Progress messages are sent at most this often (ms), plus the last one. */
const PROGRESS_INTERVAL_MS = 100;

export function createEncodeService(platform: EncodePlatform) {
  async function encode(command: EncodeCommand): Promise<void> {
    const { job } = command;
    const started = performance.now();
    const backend = await platform.prepareBackend(command.config.training.backend);
    const opened = await platform.openDataset(command.dataset);
    try {
      const handle = await openStructsFile(platform.h5, opened.path, opened.name);
      try {
        const index = readIndex(handle);
        const source = hdf5Source(handle, index);
        const model = loadEncodeModel(command.weights.bytes, command.weights.name, command.config, source.inputWidth);
        try {
          platform.post({
            type: 'log',
            job,
            message: `Encoding ${source.proteinIds.length} proteins of ${source.name} with ${command.weights.name} (${model.matchedBy}, ${model.modelConfig.quantizer.codes} codes) on ${backend}`,
          });
          let lastPost = 0;
          const { encodings, skipped } = await encodeDataset(model, source, {
            seed: command.config.data.seed,
            onProgress(done, total, proteinId) {
              const now = performance.now();
              if (done < total && now - lastPost < PROGRESS_INTERVAL_MS) return;
              lastPost = now;
              platform.post({ type: 'progress', job, done, total, proteinId });
            },
          });
          const outputs = encodeOutputs(encodings, model.modelConfig.quantizer.codes, command.weights.step);
          const result = {
            datasetName: source.name,
            weightsName: command.weights.name,
            encodings,
            skipped: [...index.skipped, ...skipped],
            ...outputs,
            seconds: (performance.now() - started) / 1000,
          };
          platform.post({ type: 'result', job, result });
        } finally {
          model.dispose();
        }
      } finally {
        closeStructsFile(handle);
      }
    } finally {
      opened.release();
    }
  }

  return {
    async handle(command: EncodeCommand): Promise<void> {
      try {
        await encode(command);
      } catch (error) {
        platform.post({
          type: 'failed',
          job: command.job,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    },
  };
}
