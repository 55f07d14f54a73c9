/**
 * The optimizer a trainer holds: one Muon over the Muon group and one AdamW over the AdamW group (either may be
 * empty), each parameter's gradient routed to its group's optimizer — the single-object convenience of
 * `MuonWithAuxAdam`, over our own grouping.
 */
import type * as tf from '@tensorflow/tfjs';
import { AdamW } from './adamw';
import { Muon } from './muon';
import type { LearningRates, Optimizer, OptimizerState, ParameterOptimizerState } from './optimizer';
import type { ParameterGroups } from './param-groups';

/** Where the optimizer finds a parameter's variable by name (a `ParameterSet` fits). */
export interface VariableLookup {
  get(name: string): tf.Variable;
}

export class CompositeOptimizer implements Optimizer {
  readonly names: readonly string[];
  readonly muon: Muon | null;
  readonly adamw: AdamW | null;

  constructor(
    variables: VariableLookup,
    readonly groups: ParameterGroups,
  ) {
    const named = (names: readonly string[]) => names.map((name) => ({ name, variable: variables.get(name) }));
    this.muon = groups.muon.names.length > 0 ? new Muon(named(groups.muon.names), groups.muon.hyper) : null;
    this.adamw = groups.adamw.names.length > 0 ? new AdamW(named(groups.adamw.names), groups.adamw.hyper) : null;
    this.names = [...groups.muon.names, ...groups.adamw.names];
  }

  private children(): Optimizer[] {
    return [this.muon, this.adamw].filter((o): o is Muon | AdamW => o !== null);
  }

  /**
   * Gradients of parameters in no group (the EMA codebook) are ignored; a gradient for a name the grouping never
   * saw throws, since it means the trainer and the optimizer disagree about the model.
   */
  step(grads: ReadonlyMap<string, tf.Tensor>, learningRates: LearningRates = {}): void {
    for (const name of grads.keys()) {
      if (!this.groups.assignment.has(name)) throw new Error(`gradient for ${name}, which is in no optimizer grouping`);
    }
    for (const child of this.children()) child.step(grads, learningRates);
  }

  async state(): Promise<OptimizerState> {
    const parameters: Record<string, ParameterOptimizerState> = {};
    for (const child of this.children()) Object.assign(parameters, (await child.state()).parameters);
    return { version: 1, parameters };
  }

  load(state: OptimizerState): void {
    if (state.version !== 1) throw new Error(`optimizer state version ${String(state.version)} is not supported`);
    for (const child of this.children()) child.load(state);
  }

  dispose(): void {
    for (const child of this.children()) child.dispose();
  }
}
