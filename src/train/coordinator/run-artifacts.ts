/**
 * What the page takes away from a run, each from one `snapshot` of rank 0: checkpoints (also kept in the browser's
 * storage where it has one) and the current weights as safetensors, under the studio's names, FoldTree2's, or as
 * FoldTree2's hand-over zip.
 */
import type { WeightNaming, WeightsPurpose } from '../../protocol/coordinator-messages';
import { checkpointWeightsAsSafetensors, checkpointWeightsForFoldtree2 } from '../weights/checkpoint-weights';
import { foldtree2HandoverZip } from '../weights/foldtree2-handover-zip';
import { log, stepTimeoutMs, type Coordinator } from './coordinator-context';
import { snapshot } from './replica-snapshot';

/** Posts a checkpoint of the run (`final`: the one saved as the run finished). */
export async function saveCheckpoint(c: Coordinator, final = false): Promise<void> {
  const { group, run } = c;
  const donor = group?.live[0];
  if (!group || !donor || !run) throw new Error('no run to save');
  const { step, bytes } = await snapshot(group, donor, stepTimeoutMs(c), 'saving a checkpoint', run.master);
  const fileName = `step${step}.ftsckpt`;
  const stored = await c.platform.storeCheckpoint?.(fileName, bytes.slice(0)).catch(() => null);
  if (stored) log(c, 'info', `checkpoint kept in browser storage as ${stored}`);
  run.hasCheckpoint = true;
  c.platform.post({ type: 'checkpoint', step, bytes, fileName, ...(final ? { final } : {}) }, [bytes]);
}

/** Posts the current weights as a file named for `naming`; `purpose` says what the page wanted them for. */
export async function exportWeights(
  c: Coordinator,
  naming: WeightNaming,
  purpose: WeightsPurpose = 'save',
): Promise<void> {
  const { group, run } = c;
  const donor = group?.live[0];
  if (!group || !donor || !run) throw new Error('no run to take weights from');
  const { step, bytes: checkpoint } = await snapshot(group, donor, stepTimeoutMs(c), 'handing over its weights');
  const metadata = { step: String(step), run: run.info.runName };
  if (naming === 'foldtree2-handover') {
    const zip = foldtree2HandoverZip(checkpoint, run.config, metadata, group.live.length);
    const bytes = zip.bytes.buffer.slice(
      zip.bytes.byteOffset,
      zip.bytes.byteOffset + zip.bytes.byteLength,
    ) as ArrayBuffer;
    c.platform.post({ type: 'weights', step, bytes, fileName: `step${step}-foldtree2-handover.zip` }, [bytes]);
    return;
  }
  const bytes =
    naming === 'foldtree2'
      ? checkpointWeightsForFoldtree2(checkpoint, metadata)
      : checkpointWeightsAsSafetensors(checkpoint, metadata);
  const fileName = `step${step}${naming === 'foldtree2' ? '.foldtree2' : ''}.safetensors`;
  c.platform.post({ type: 'weights', step, bytes, fileName, ...(purpose === 'encode' ? { purpose } : {}) }, [bytes]);
}
