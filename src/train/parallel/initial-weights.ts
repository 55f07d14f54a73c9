/** A run that starts from a weights file (studio or FoldTree2 names) instead of fresh parameters. */
import type { InitialWeights } from '../../protocol/coordinator-messages';
import type { ReplicaEvent } from '../../protocol/replica-messages';
import type { Trainer } from '../trainer/trainer';
import { applyWeights, readWeightsFile } from '../weights/weights-file';
import { weightChecksum } from './weight-checksum';

/** Names left unused, at most five of them spelled out. */
function unusedText(unused: readonly string[]): string {
  return unused.length > 5 ? `${unused.slice(0, 5).join(', ')} and ${unused.length - 5} more` : unused.join(', ');
}

/**
 * Loads a weights file into a fresh trainer. With `announce` (one rank's job), says what was read, with the loaded
 * weights' checksum, and warns about entries the model has no place for.
 */
export async function startFromWeights(
  t: Trainer,
  weights: InitialWeights,
  announce?: (event: ReplicaEvent) => void,
): Promise<void> {
  const contents = readWeightsFile(weights.bytes, weights.name);
  const unused = applyWeights(t.parts.params, contents, weights.name);
  if (!announce) return;
  const loaded: Array<readonly [string, Float32Array]> = [];
  for (const spec of t.parts.params.specs)
    loaded.push([spec.name, Float32Array.from(await t.parts.params.get(spec.name).data())]);
  const names = contents.names === 'foldtree2' ? 'FoldTree2 names' : 'studio names';
  const extra = unused.length > 0 ? `; not in this model, left unused: ${unusedText(unused)}` : '';
  const message = `Weights from ${weights.name} (${names}): all ${t.parts.params.specs.length} parameters loaded, checksum ${weightChecksum(loaded).hash}${extra}`;
  announce({ type: 'log', level: unused.length > 0 ? 'warning' : 'info', message });
}
