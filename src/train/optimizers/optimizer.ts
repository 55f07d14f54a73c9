/**
 * The contract every optimizer here fulfils: it owns its state tensors, updates the tf.Variables it was given
 * from explicit (name → gradient) pairs, and can save and restore its state as plain Float32Arrays so a
 * checkpoint resumes a run exactly. tfjs's own optimizers are not used (no AdamW, no Muon, no exportable state
 * in our layout).
 */
import type * as tf from '@tensorflow/tfjs';

/** Optimizer groups, defined once. A parameter belongs to at most one (none: the EMA-maintained codebook). */
export const OPTIMIZER_GROUPS = ['muon', 'adamw'] as const;
export type OptimizerGroupName = (typeof OPTIMIZER_GROUPS)[number];

/**
 * Learning rate per group for this step (the schedule's multiplier already applied). A missing entry means the
 * group's configured base learning rate.
 */
export type LearningRates = Readonly<Partial<Record<OptimizerGroupName, number>>>;

/** A variable the optimizer updates, addressed by its stable parameter name. */
export interface NamedVariable {
  readonly name: string;
  readonly variable: tf.Variable;
}

/** One state buffer of one parameter, in OUR parameter layout (the variable's own shape), float32. */
export interface SlotState {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/**
 * Optimizer state of one parameter. Slot names follow PyTorch's state keys (`exp_avg`, `exp_avg_sq`,
 * `momentum_buffer`) so an export to FoldTree2 only has to transpose them exactly as it transposes the weights.
 */
export interface ParameterOptimizerState {
  readonly optimizer: OptimizerGroupName;
  /** Updates applied to this parameter so far (AdamW's bias correction reads it). */
  readonly step: number;
  readonly slots: Readonly<Record<string, SlotState>>;
}

/** Whole optimizer state: structured-clone serialisable (plain objects, numbers, Float32Arrays). */
export interface OptimizerState {
  readonly version: 1;
  readonly parameters: Readonly<Record<string, ParameterOptimizerState>>;
}

export interface Optimizer {
  /** Names of the parameters this optimizer updates, in a fixed order. */
  readonly names: readonly string[];
  /**
   * Applies one update. `grads` is owned by the caller and not disposed; it may hold other parameters' gradients
   * (ignored). Runs in its own tf.tidy; creates no tensors that outlive the call besides the updated state.
   */
  step(grads: ReadonlyMap<string, tf.Tensor>, learningRates?: LearningRates): void;
  /** A copy of the state of every parameter this optimizer owns (one read-back per buffer). */
  state(): Promise<OptimizerState>;
  /** Restores state written by `state()`. Entries for other parameters are ignored; missing or mismatched entries throw. */
  load(state: OptimizerState): void;
  /** Frees every state tensor; the optimizer is unusable afterwards. */
  dispose(): void;
}

/** One parameter's state as `state()` writes it: step count and named slots, each of the variable's `shape`. */
export function parameterState(
  optimizer: OptimizerGroupName,
  step: number,
  shape: readonly number[],
  slots: Readonly<Record<string, Float32Array>>,
): ParameterOptimizerState {
  return {
    optimizer,
    step,
    slots: Object.fromEntries(Object.entries(slots).map(([slot, values]) => [slot, { shape: [...shape], values }])),
  };
}

/**
 * What `state()` saved for parameter `name`: its step count and the values of each slot in `slots`, after checking
 * the entry was written by the same kind of optimizer and every slot has the variable's `shape`.
 */
export function savedParameterState<Slot extends string>(
  state: OptimizerState,
  name: string,
  optimizer: OptimizerGroupName,
  slots: readonly Slot[],
  shape: readonly number[],
): { readonly step: number; readonly slots: Readonly<Record<Slot, Float32Array>> } {
  const entry = parameterStateOf(state, name, optimizer);
  const values = Object.fromEntries(slots.map((slot) => [slot, slotOf(entry, name, slot, shape).values]));
  return { step: entry.step, slots: values as Record<Slot, Float32Array> };
}

/** Reads the entry of `name` from a saved state, checking it was written by the same kind of optimizer. */
function parameterStateOf(state: OptimizerState, name: string, optimizer: OptimizerGroupName): ParameterOptimizerState {
  const entry = state.parameters[name];
  if (!entry) throw new Error(`optimizer state has no entry for ${name}`);
  if (entry.optimizer !== optimizer)
    throw new Error(`optimizer state of ${name} was written by ${entry.optimizer}, not ${optimizer}`);
  return entry;
}

/** The slot `slot` of a saved parameter state, checked against the expected shape. */
function slotOf(entry: ParameterOptimizerState, name: string, slot: string, shape: readonly number[]): SlotState {
  const saved = entry.slots[slot];
  if (!saved) throw new Error(`optimizer state of ${name} has no ${slot}`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (
    saved.shape.length !== shape.length ||
    saved.shape.some((d, k) => d !== shape[k]) ||
    saved.values.length !== size
  ) {
    throw new Error(
      `optimizer state ${name}.${slot} has shape [${saved.shape.join(', ')}], the parameter [${shape.join(', ')}]`,
    );
  }
  return saved;
}
