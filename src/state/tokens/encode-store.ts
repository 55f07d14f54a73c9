/**
 * Encoding the dataset into structural tokens from the page: with the run's current weights or a weights file the
 * user picks, in the encode worker, with progress. Keeps the last result (encoded FASTA, per-residue table, token
 * statistics, every protein's tokens for the 3D view) and the mutual information of each encode by training step,
 * for the chart. The worker client lives beside the store (it is not data).
 */
import { create } from 'zustand';
import { EncodeClient, type EncodeProgress } from '../../client/encode-client';
import type { EncodeResult, EncodeWeights } from '../../protocol/encode-messages';
import { saveWithObjectUrl, type FileSaver } from '../download-file';
import { openedDatasetFile, useDatasetStore } from '../dataset-store';
import { requestCurrentWeights } from '../run/current-weights';
import { useRunStore } from '../run/run-store';
import { trainingSourceFor } from '../run/training-dataset';

export type EncodeStatus = 'idle' | 'waiting-for-weights' | 'encoding' | 'done' | 'failed';

/** Mutual information (bits) of one encode under the weights of `step`. */
export interface InformationPoint {
  readonly step: number;
  readonly miSecondaryStructure: number;
  readonly miAminoAcid: number;
}

export interface EncodeState {
  readonly status: EncodeStatus;
  readonly progress: EncodeProgress | null;
  /** The worker's last note, or why the encode failed. */
  readonly message: string | null;
  readonly result: EncodeResult | null;
  /** One point per encode of the current run's weights, by step. */
  readonly history: readonly InformationPoint[];
  /** Re-encode the dataset every this many optimizer steps while a run trains; 0: only on request. */
  readonly autoEvery: number;
}

const initialState: EncodeState = {
  status: 'idle',
  progress: null,
  message: null,
  result: null,
  history: [],
  autoEvery: 0,
};
export const useEncodeStore = create<EncodeState>()(() => initialState);

let client: EncodeClient | null = null;
let saveFile: FileSaver = saveWithObjectUrl;

/** Tests: a file saver that keeps what would be downloaded. */
export function setEncodeFileSaver(saver: FileSaver | null): void {
  saveFile = saver ?? saveWithObjectUrl;
}

function addPoint(history: readonly InformationPoint[], result: EncodeResult): readonly InformationPoint[] {
  const step = result.meaning.step;
  if (step === null) return history;
  const point = {
    step,
    miSecondaryStructure: result.meaning.miSecondaryStructure,
    miAminoAcid: result.meaning.miAminoAcid,
  };
  return [...history.filter((p) => p.step !== step), point].sort((a, b) => a.step - b.step);
}

async function runEncode(weights: EncodeWeights): Promise<void> {
  const source = trainingSourceFor(useDatasetStore.getState(), './', location.href, openedDatasetFile());
  if (!source.ok) {
    useEncodeStore.setState({ status: 'failed', message: source.reason });
    return;
  }
  useEncodeStore.setState({ status: 'encoding', progress: null, message: null });
  client ??= new EncodeClient();
  try {
    const result = await client.encode(
      { config: useRunStore.getState().config, weights, dataset: source.dataset },
      {
        onProgress: (progress) => useEncodeStore.setState({ progress }),
        onLog: (message) => useEncodeStore.setState({ message }),
      },
    );
    useEncodeStore.setState((state) => ({
      status: 'done',
      result,
      history: addPoint(state.history, result),
      message: `${result.encodings.length} proteins encoded in ${result.seconds.toFixed(1)} s, ${result.skipped.length} skipped`,
    }));
  } catch (error) {
    useEncodeStore.setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

/** Encodes the open dataset with the run's current weights (the run may keep training meanwhile). */
export async function encodeWithCurrentWeights(): Promise<void> {
  useEncodeStore.setState({ status: 'waiting-for-weights', progress: null, message: null });
  const weights = await requestCurrentWeights();
  if (!weights) {
    useEncodeStore.setState({
      status: 'failed',
      message: 'There is no run to take weights from: start one, or encode with a weights file.',
    });
    return;
  }
  await runEncode({ name: weights.fileName, bytes: weights.bytes, step: weights.step });
}

/** Encodes the open dataset with a weights file (studio or FoldTree2 safetensors, or a `.ftsckpt` checkpoint). */
export async function encodeWithWeightsFile(file: File): Promise<void> {
  await runEncode({ name: file.name, bytes: await file.arrayBuffer(), step: null });
}

export function cancelEncode(): void {
  client?.cancel();
}

export function setAutoEncodeEvery(steps: number): void {
  useEncodeStore.setState({ autoEvery: Number.isInteger(steps) && steps > 0 ? steps : 0 });
}

const stem = (name: string) => name.replace(/\.(safetensors|ftsckpt)$/i, '');

/** Downloads the last result's encoded FASTA (UTF-8), per-residue TSV or token table CSV. */
export function downloadEncoded(kind: 'fasta' | 'table' | 'tokens'): void {
  const result = useEncodeStore.getState().result;
  if (!result) return;
  const base = stem(result.weightsName);
  if (kind === 'fasta') saveFile(result.fasta, `${base}.fasta`, 'text/x-fasta;charset=utf-8');
  else if (kind === 'table') saveFile(result.table, `${base}.tsv`, 'text/tab-separated-values;charset=utf-8');
  else saveFile(result.tokensCsv, `${base}.tokens.csv`, 'text/csv;charset=utf-8');
}

/** A new run starts a new history. */
useRunStore.subscribe((state, previous) => {
  if (state.status === 'starting' && previous.status !== 'starting') useEncodeStore.setState({ history: [] });
});

export function resetEncodeStore(): void {
  client?.dispose();
  client = null;
  useEncodeStore.setState(initialState);
}
