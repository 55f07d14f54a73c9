/**
 * One data-parallel trainer, free of the worker global: opens the dataset itself, builds (or restores) its replica
 * for `rank` of `worldSize`, and takes an optimizer step whenever the coordinator says `step`, joined to the other
 * ranks through the gradient exchange. Failures are reported with a kind (device lost, out of memory, error); a
 * step the coordinator aborted leaves this replica's weights as they were.
 */
import * as tf from '@tensorflow/tfjs';
import type { H5Wasm } from '../../data/hdf5/h5-types';
import { closeStructsFile, openStructsFile } from '../../data/hdf5/open-file';
import { readIndex } from '../../data/hdf5/read-index';
import { excludeProteins } from '../../data/hdf5/validate-values';
import { parameterCount } from '../../model/params/parameter-spec';
import {
  type ExchangeSetup,
  type ReplicaCommand,
  type ReplicaEvent,
  type ReplicaFailureKind,
  type ReplicaInfo,
} from '../../protocol/replica-messages';
import type {
  HyperparameterChange,
  InitialWeights,
  InjectedFault,
  TrainingDataset,
} from '../../protocol/coordinator-messages';
import type { TrainingBackendChoice } from '../../protocol/run-config';
import { withLiveChanges } from '../../config/live-changes';
import { assertNever } from '../../shared/assert-never';
import { NO_ALL_REDUCE } from '../trainer/all-reduce';
import { decidePrecision } from '../precision/precision-mode';
import { hdf5Source } from '../trainer/protein-source';
import { initialiseCodebookFromEncoder } from '../trainer/codebook-from-encoder';
import { restoreTrainer, saveCheckpoint } from '../trainer/trainer-checkpoint';
import { applyWeights, readWeightsFile } from '../weights/weights-file';
import { memoryRefusal } from '../memory/memory-preflight';
import { stepSizeOf } from '../memory/step-size';
import { Trainer } from '../trainer/trainer';
import { exchangeCapacity, exchangeLayout, flatAllReduce, type TimedAllReduce } from './flat-all-reduce';
import { lrScaleFactor, scaledLearningRates } from './lr-scaling';
import type { PortLike } from './message-sum';
import { messageSumClient } from './message-sum';
import { sharedSumClient } from './shared-sum';
import { SumAborted } from './sum-exchange';
import { broadcastLength } from './weight-broadcast';
import { weightChecksum } from './weight-checksum';
import { proteinTokens } from '../encode/protein-tokens';

export interface ReplicaPlatform {
  readonly h5: H5Wasm;
  openDataset(dataset: TrainingDataset): Promise<{ path: string; name: string; release(): void }>;
  /** Chooses and initialises the tfjs backend; its name and the adapter's features. */
  prepareBackend(
    mixedPrecision: boolean,
    choice: TrainingBackendChoice,
  ): Promise<{ backend: string; features: readonly string[] }>;
  /** The port for the message form of the exchange. */
  readonly exchangePort: PortLike;
  post(event: ReplicaEvent, transfer?: Transferable[]): void;
  /** Destroys the GPU device (fault injection); false where there is none. */
  loseDevice(): boolean;
  /** Set once the backend's device reported `lost`. */
  deviceLost(): string | null;
  /** A GPU error the device reported since the last call (uncaptured errors: tfjs does not check), then cleared. */
  takeGpuError?(): string | null;
}

/** Skipped proteins named one per log line at set-up; a file with thousands of bad ones gets a count after these. */
const SKIPPED_LINES = 50;

/** tfjs/WebGPU out-of-memory messages (failed allocations, GPUOutOfMemoryError). */
const OUT_OF_MEMORY = /out of memory|outofmemory|failed to allocate|allocation failed|OOM/i;

/** The WebGPU device's largest storage buffer, when the active tfjs backend is WebGPU. */
function gpuBufferLimit(): { maxBufferBytes?: number } {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  return device ? { maxBufferBytes: device.limits.maxStorageBufferBindingSize } : {};
}

export function createReplicaService(platform: ReplicaPlatform) {
  let trainer: Trainer | null = null;
  let rank = 0;
  let allReduce: TimedAllReduce | null = null;
  let release: (() => void) | null = null;
  let fault: { fault: InjectedFault; atStep: number } | null = null;

  const fail = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const lost = platform.deviceLost();
    if (lost !== null && lostReported) return;
    const kind: ReplicaFailureKind =
      lost !== null ? 'device-lost' : OUT_OF_MEMORY.test(message) ? 'out-of-memory' : 'error';
    platform.post({ type: 'failed', kind, message: lost !== null ? `the GPU device was lost (${lost})` : message });
  };

  /** Loads a weights file into a fresh trainer; rank 0 says what was read, with the loaded weights' checksum. */
  async function startFromWeights(t: Trainer, weights: InitialWeights): Promise<void> {
    const contents = readWeightsFile(weights.bytes, weights.name);
    const unused = applyWeights(t.parts.params, contents, weights.name);
    if (rank !== 0) return;
    const loaded: Array<readonly [string, Float32Array]> = [];
    for (const spec of t.parts.params.specs)
      loaded.push([spec.name, Float32Array.from(await t.parts.params.get(spec.name).data())]);
    const names = contents.names === 'foldtree2' ? 'FoldTree2 names' : 'studio names';
    const extra =
      unused.length > 0
        ? `; not in this model, left unused: ${unused.length > 5 ? `${unused.slice(0, 5).join(', ')} and ${unused.length - 5} more` : unused.join(', ')}`
        : '';
    const message = `Weights from ${weights.name} (${names}): all ${t.parts.params.specs.length} parameters loaded, checksum ${weightChecksum(loaded).hash}${extra}`;
    platform.post({ type: 'log', level: unused.length > 0 ? 'warning' : 'info', message });
  }

  async function init(command: Extract<ReplicaCommand, { type: 'init' }>): Promise<void> {
    dispose();
    rank = command.rank;
    const { backend, features } = await platform.prepareBackend(
      command.config.precision.mixedPrecision,
      command.config.training.backend,
    );
    const precision = decidePrecision(features, command.config.precision.mixedPrecision);
    const opened = await platform.openDataset(command.dataset);
    const handle = await openStructsFile(platform.h5, opened.path, opened.name).catch((error: unknown) => {
      opened.release();
      throw error;
    });
    release = () => {
      closeStructsFile(handle);
      opened.release();
    };
    const index = excludeProteins(readIndex(handle), command.dataset.excluded ?? []);
    // Said before the trainer is built: a file with no usable protein left fails there, and these are the reasons.
    if (rank === 0) {
      for (const item of index.skipped.slice(0, SKIPPED_LINES))
        platform.post({ type: 'log', level: 'warning', message: `skipped ${item.source}: ${item.reason}` });
      const more = index.skipped.length - SKIPPED_LINES;
      if (more > 0)
        platform.post({
          type: 'log',
          level: 'warning',
          message: `skipped ${more} more proteins (the dataset panel lists every one with its reason)`,
        });
    }
    const source = hdf5Source(handle, index);
    const options = { rank: command.rank, worldSize: command.worldSize, lossScaling: precision.lossScaling };
    // LR scaling with the trainer count is fixed when a run starts; a checkpoint carries the LRs it ran with.
    const t = command.checkpoint
      ? restoreTrainer(command.checkpoint, source, options, 'checkpoint')
      : new Trainer(scaledLearningRates(command.config, command.worldSize), source, options);
    const refusal = memoryRefusal(
      t.parts.modelConfig,
      stepSizeOf(
        t.config,
        index.proteins.map((p) => p.length),
      ),
      parameterCount(t.parts.params.specs),
      {
        backend,
        ...gpuBufferLimit(),
      },
    );
    if (refusal) {
      t.dispose();
      throw new Error(refusal);
    }
    trainer = t;
    if (command.weights && !command.checkpoint) await startFromWeights(t, command.weights);
    else if (!command.checkpoint && t.config.vq.codebookInit === 'encoder')
      await initialiseCodebookFromEncoder(t.parts, source, t.config.data.maxResidues, t.config.data.seed);
    const groups = t.parts.optimizer.groups;
    const sizeOf = (names: readonly string[]) =>
      parameterCount(t.parts.params.specs.filter((s) => names.includes(s.name)));
    const info: ReplicaInfo = {
      backend,
      precision: precision.label,
      parameters: parameterCount(t.parts.params.specs),
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
    platform.post({ type: 'ready', info });
  }

  function connectExchange(exchange: ExchangeSetup | null): void {
    if (!trainer) throw new Error('connect-exchange before init');
    const layout = exchangeLayout(trainer.parts);
    const { worldSize } = trainer.options;
    if (!exchange) allReduce = null;
    else if (exchange.kind === 'shared')
      allReduce = flatAllReduce(sharedSumClient(exchange.buffer, rank, worldSize), layout, exchange.strategy);
    else allReduce = flatAllReduce(messageSumClient(platform.exchangePort, rank), layout, exchange.strategy);
  }

  async function injectedFault(step: number): Promise<void> {
    if (!fault || fault.atStep !== step) return;
    const { fault: kind } = fault;
    fault = null;
    switch (kind) {
      case 'throw':
        throw new Error(`fault injected at step ${step}`);
      case 'out-of-memory':
        throw new Error(`failed to allocate a GPU buffer: out of memory (fault injected at step ${step})`);
      case 'device-lost':
        if (!platform.loseDevice()) throw new Error(`the GPU device was lost (simulated at step ${step})`);
        // A lost device fails the next GPU call; wait until tfjs notices.
        return;
      case 'hang':
        await new Promise<never>(() => undefined);
        return;
      case 'drift': {
        // One weight nudged by 1e-3: what a replica that silently computed something else would look like.
        const name = trainer?.parts.params.names()[0];
        if (trainer && name) {
          const weight = trainer.parts.params.get(name);
          const values = Float32Array.from(await weight.data());
          values[0] = (values[0] ?? 0) + 1e-3;
          tf.tidy(() => weight.assign(tf.tensor(values, weight.shape)));
        }
        return;
      }
      default:
        return assertNever(kind, 'injected fault');
    }
  }

  async function step(changes: readonly HyperparameterChange[]): Promise<void> {
    if (!trainer) throw new Error('step before init');
    const current = trainer.state.optimizerStep;
    if (changes.length > 0) {
      const { config } = trainer;
      trainer.applyConfig(
        withLiveChanges(config, changes, lrScaleFactor(config.training.lrScaling, trainer.options.worldSize)),
      );
    }
    try {
      await injectedFault(current);
      const point = await trainer.step(allReduce ?? NO_ALL_REDUCE);
      for (const message of trainer.takeNotices()) platform.post({ type: 'log', level: 'warning', message });
      if (platform.deviceLost() !== null) throw new Error('device lost');
      const gpuError = platform.takeGpuError?.();
      if (gpuError) throw new Error(gpuError);
      platform.post({
        type: 'stepped',
        point,
        exchangeMs: allReduce?.takeExchangeMs() ?? 0,
        residues: allReduce?.takeLocalResidues() ?? (point ? (point.residuesPerSecond * point.stepMs) / 1000 : 0),
      });
    } catch (error) {
      if (error instanceof SumAborted && platform.deviceLost() === null)
        platform.post({ type: 'step-aborted', step: current });
      else throw error;
    }
  }

  function dispose(): void {
    trainer?.dispose();
    trainer = null;
    allReduce = null;
    release?.();
    release = null;
  }

  let lostReported = false;
  /**
   * Commands run one at a time, in arrival order: a token request or a checkpoint arriving mid-step waits for the
   * step, so no two of them interleave their tfjs work (scopes, reads of weights being updated).
   */
  let queue: Promise<void> = Promise.resolve();
  const service = {
    /** The GPU device reported `lost` (a driver reset, another tab, or an injected fault): tell the coordinator now. */
    reportDeviceLost(reason: string): void {
      if (lostReported) return;
      lostReported = true;
      platform.post({ type: 'failed', kind: 'device-lost', message: `the GPU device was lost (${reason})` });
    },
    handle(command: ReplicaCommand): Promise<void> {
      // A fault to inject is noted at once (it names a later step); everything else waits its turn.
      if (command.type === 'inject-fault') {
        fault = { fault: command.fault, atStep: command.atStep };
        return Promise.resolve();
      }
      const run = queue.then(() => service.handleNow(command));
      queue = run.catch(() => undefined);
      return run;
    },
    async handleNow(command: ReplicaCommand): Promise<void> {
      try {
        switch (command.type) {
          case 'init':
            return await init(command);
          case 'connect-exchange':
            return connectExchange(command.exchange);
          case 'step':
            return await step(command.changes ?? []);
          case 'checksum': {
            if (!trainer) throw new Error('checksum before init');
            const values: [string, Float32Array][] = [];
            for (const name of trainer.parts.params.names())
              values.push([name, (await trainer.parts.params.get(name).data()) as Float32Array]);
            return platform.post({
              type: 'checksum',
              step: trainer.state.optimizerStep,
              checksum: weightChecksum(values),
            });
          }
          case 'encode': {
            // A request that arrives after the run ended (the strip asked while it was finishing) is no failure.
            if (!trainer) return platform.post({ type: 'encode-failed', reason: 'the run has ended' });
            // A protein that cannot be encoded is reported, never a trainer failure.
            const tokens = await proteinTokens(
              trainer.parts,
              trainer.source,
              command.proteinId,
              trainer.config.data.seed,
            ).catch((error: unknown) => {
              platform.post({ type: 'encode-failed', reason: error instanceof Error ? error.message : String(error) });
              return null;
            });
            if (tokens) platform.post({ type: 'encoded', step: trainer.state.optimizerStep, tokens });
            return;
          }
          case 'save': {
            if (!trainer) throw new Error('save before init');
            const bytes = await saveCheckpoint(trainer);
            return platform.post({ type: 'saved', step: trainer.state.optimizerStep, bytes }, [bytes]);
          }
          case 'inject-fault':
            fault = { fault: command.fault, atStep: command.atStep };
            return;
          case 'dispose':
            return dispose();
          default:
            return assertNever(command, 'replica command');
        }
      } catch (error) {
        fail(error);
      }
    },
  };
  return service;
}
