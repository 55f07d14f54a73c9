/**
 * How much memory one training step (forward + backward of a micro-batch) needs, before it runs: a pre-flight
 * against the WebAssembly backend's 4 GB heap and WebGPU's buffer limits, so a batch or protein that cannot fit is
 * refused with a sentence instead of ending in "Aborted()".
 *
 * The estimate is a sum of four terms, floats × 4 bytes, whose coefficients were fitted to tfjs's peak tensor bytes
 * of real steps on the bundled sample (tiny, teaching and foldtree2 presets, 2–8 proteins of 128–722 residues; every
 * case within 6 % of the measurement, scripts/bench/memory-calibration.ts re-measures them):
 *   2 maps per attention head and layer   × B·L²      (the attention weights kept for the backward, and its transients)
 *   51 maps without a width                × B·L²      (contact probabilities, pair masks, the graph, their gradients)
 *   43 floats per pair and pair-head unit  × P·P_h     (the distance head on the scored pairs, P ≈ 2 × contacts)
 *   5.6 floats per residue and layer width × B·L·W     (per-residue activations of every layer and their gradients)
 * plus 2.3 copies of the parameters (weights, gradients, optimizer scratch). Contacts per residue are the
 * dataset's densest protein's when the caller knows them (data/hdf5/contact-density.ts), else taken as 45 (20
 * sample proteins cropped to 256 residues have 42; whole sample proteins up to 58, a 1,500-residue chain 55).
 */
import type { ModelConfig } from '../model-config';

const BYTES_PER_FLOAT = 4;
/** Fitted coefficients (see above). */
const MAPS_PER_HEAD_LAYER = 2;
const PAIR_MAPS = 51.4;
const FLOATS_PER_PAIR_UNIT = 43.2;
const FLOATS_PER_RESIDUE_WIDTH = 5.6;
const PARAMETER_COPIES = 2.3;
/**
 * Contacts per residue assumed when the dataset's are not known; pairs scored = 2 × contacts (positives and as
 * many negatives).
 */
export const ASSUMED_CONTACTS_PER_RESIDUE = 45;

export interface StepMemoryEstimate {
  /** Peak bytes of tensors during one forward + backward. */
  readonly peakBytes: number;
  /** Bytes of the largest single tensor (what a GPU buffer must hold). */
  readonly largestTensorBytes: number;
}

/** Σ heads × layers of every attention in the model. */
function headLayers(model: ModelConfig): number {
  const encoder = model.encoder.heads * (model.encoder.hiddenChannels.length - 1);
  const decoders = (['sequence', 'geometry'] as const).reduce((sum, name) => {
    const d = model.decoders[name];
    return sum + (d.enabled ? d.heads * d.layers : 0);
  }, 0);
  return encoder + decoders;
}

/** W: the widths of the per-residue activations of every layer, summed. */
function activationWidth(model: ModelConfig): number {
  const layers = model.encoder.hiddenChannels.length - 1;
  let width = layers * 4 * model.encoder.heads * model.encoder.headHidden;
  for (const name of ['sequence', 'geometry'] as const) {
    const d = model.decoders[name];
    if (d.enabled) width += d.layers * (6 * d.hidden + 2 * d.feedForward);
  }
  if (model.decoders.contacts.enabled) width += 14 * model.decoders.contacts.hidden;
  return width;
}

/**
 * A micro-batch of `batch` proteins padded to `length` residues, `parameters` trainable scalars, proteins with
 * `contactsPerResidue` contacts per residue.
 */
export function estimateStepMemory(
  model: ModelConfig,
  batch: number,
  length: number,
  parameters: number,
  contactsPerResidue = ASSUMED_CONTACTS_PER_RESIDUE,
): StepMemoryEstimate {
  const pairCells = batch * length * length;
  const contacts = model.decoders.contacts;
  const pairs = contacts.enabled ? Math.min(2 * contactsPerResidue * batch * length, batch * length * (length - 1)) : 0;
  const floats =
    MAPS_PER_HEAD_LAYER * headLayers(model) * pairCells +
    PAIR_MAPS * pairCells +
    FLOATS_PER_PAIR_UNIT * pairs * (contacts.enabled ? contacts.pairHidden : 0) +
    FLOATS_PER_RESIDUE_WIDTH * batch * length * activationWidth(model) +
    PARAMETER_COPIES * parameters;
  const maxHeads = Math.max(
    model.encoder.heads,
    ...(['sequence', 'geometry'] as const).map((n) => (model.decoders[n].enabled ? model.decoders[n].heads : 0)),
  );
  const largest = Math.max(
    maxHeads * pairCells,
    pairs * Math.max(contacts.pairHidden, 1),
    batch * length * Math.max(...(['sequence', 'geometry'] as const).map((n) => model.decoders[n].feedForward)),
  );
  return { peakBytes: floats * BYTES_PER_FLOAT, largestTensorBytes: largest * BYTES_PER_FLOAT };
}
