/** A replica's own view of the training file: opened through the platform, its index, and the proteins it skips. */
import { closeStructsFile, openStructsFile, type StructsFileHandle } from '../../data/hdf5/open-file';
import { readIndex, type StructsIndex } from '../../data/hdf5/read-index';
import { excludeProteins } from '../../data/hdf5/validate-values';
import type { TrainingDataset } from '../../protocol/coordinator-messages';
import type { SkippedItem } from '../../protocol/protein-graph';
import type { ReplicaEvent } from '../../protocol/replica-messages';
import type { ReplicaPlatform } from './replica-platform';

/** Skipped proteins named one per log line at set-up; a file with thousands of bad ones gets a count after these. */
const SKIPPED_LINES = 50;

export interface OpenedDataset {
  readonly handle: StructsFileHandle;
  /** Closes the file and hands it back to the platform. */
  readonly release: () => void;
}

export async function openReplicaDataset(platform: ReplicaPlatform, dataset: TrainingDataset): Promise<OpenedDataset> {
  const opened = await platform.openDataset(dataset);
  const handle = await openStructsFile(platform.h5, opened.path, opened.name).catch((error: unknown) => {
    opened.release();
    throw error;
  });
  return {
    handle,
    release: () => {
      closeStructsFile(handle);
      opened.release();
    },
  };
}

/** The file's usable proteins, less those the dataset panel excluded. */
export function trainingIndex(handle: StructsFileHandle, dataset: TrainingDataset): StructsIndex {
  return excludeProteins(readIndex(handle), dataset.excluded ?? []);
}

/** Warnings naming the skipped proteins and why, the first `SKIPPED_LINES` one by one, the rest as a count. */
export function skippedProteinLogs(skipped: readonly SkippedItem[]): ReplicaEvent[] {
  const named = skipped.slice(0, SKIPPED_LINES).map((item): ReplicaEvent => ({
    type: 'log',
    level: 'warning',
    message: `skipped ${item.source}: ${item.reason}`,
  }));
  const more = skipped.length - SKIPPED_LINES;
  if (more <= 0) return named;
  return [
    ...named,
    {
      type: 'log',
      level: 'warning',
      message: `skipped ${more} more proteins (the dataset panel lists every one with its reason)`,
    },
  ];
}
