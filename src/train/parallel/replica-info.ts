/** What a replica tells the coordinator once it is ready: its setup, its data, and how much it exchanges per step. */
import type { StructsIndex } from '../../data/hdf5/read-index';
import { parameterCount } from '../../model/params/parameter-spec';
import type { ReplicaInfo } from '../../protocol/replica-messages';
import type { ProteinSource } from '../trainer/protein-source';
import type { Trainer } from '../trainer/trainer';
import { exchangeCapacity, exchangeLayout } from './flat-all-reduce';
import { broadcastLength } from './weight-broadcast';

/** `t` as built for a run on `backend` with precision `precision` (its label), over `index` read as `source`. */
export function replicaInfo(
  t: Trainer,
  backend: string,
  precision: string,
  index: StructsIndex,
  source: ProteinSource,
): ReplicaInfo {
  const specs = t.parts.params.specs;
  const groups = t.parts.optimizer.groups;
  const sizeOf = (names: readonly string[]) => parameterCount(specs.filter((s) => names.includes(s.name)));
  return {
    backend,
    precision,
    parameters: parameterCount(specs),
    groups: Object.fromEntries(
      Object.entries({
        muon: sizeOf(groups.muon.names),
        adamw: sizeOf(groups.adamw.names),
        none: sizeOf(groups.none.map((n) => n.name)),
      }).filter(([, n]) => n > 0),
    ),
    proteins: index.proteins.length,
    skippedProteins: index.skipped.length,
    stepsPerEpoch: t.stepsPerEpoch,
    totalSteps: t.totalSteps,
    inputWidth: source.inputWidth,
    step: t.state.optimizerStep,
    exchangeCapacity: Math.max(exchangeCapacity(exchangeLayout(t.parts)), broadcastLength(t.parts)),
  };
}
