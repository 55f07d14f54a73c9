/**
 * One data-parallel trainer, free of the worker global: opens the dataset itself, builds (or restores) its replica
 * for `rank` of `worldSize`, and takes an optimizer step whenever the coordinator says `step`, joined to the other
 * ranks through the gradient exchange. Failures are reported with a kind (device lost, out of memory, error); a
 * step the coordinator aborted leaves this replica's weights as they were.
 */
import type { ExchangeSetup, ReplicaCommand } from '../../protocol/replica-messages';
import type { HyperparameterChange } from '../../protocol/coordinator-messages';
import { withLiveChanges } from '../../config/live-changes';
import { assertNever } from '../../shared/assert-never';
import { NO_ALL_REDUCE } from '../trainer/all-reduce';
import { decidePrecision } from '../precision/precision-mode';
import { hdf5Source } from '../trainer/protein-source';
import { initialiseCodebookFromEncoder } from '../trainer/codebook-from-encoder';
import { saveCheckpoint } from '../trainer/trainer-checkpoint';
import type { Trainer } from '../trainer/trainer';
import { exchangeLayout, flatAllReduce, type TimedAllReduce } from './flat-all-reduce';
import { startFromWeights } from './initial-weights';
import { showInjectedFault, type PendingFault } from './injected-fault';
import { lrScaleFactor } from './lr-scaling';
import { messageSumClient } from './message-sum';
import { openReplicaDataset, skippedProteinLogs, trainingIndex } from './replica-dataset';
import { deviceLostEvent, failureEvent } from './replica-failure';
import { replicaInfo } from './replica-info';
import type { ReplicaPlatform } from './replica-platform';
import { buildReplicaTrainer } from './replica-trainer';
import { densestContactsPerResidue } from '../../data/hdf5/contact-density';
import type { RunConfig } from '../../protocol/run-config';
import { stepSizeOf } from '../memory/step-size';
import { sharedSumClient } from './shared-sum';
import { SumAborted } from './sum-exchange';
import { weightChecksum } from './weight-checksum';
import { proteinTokens } from '../encode/protein-tokens';

export type { ReplicaPlatform } from './replica-platform';

export function createReplicaService(platform: ReplicaPlatform) {
  let trainer: Trainer | null = null;
  let rank = 0;
  let allReduce: TimedAllReduce | null = null;
  let release: (() => void) | null = null;
  let fault: PendingFault | null = null;

  const fail = (error: unknown) => {
    const lost = platform.deviceLost();
    if (lost !== null && lostReported) return;
    platform.post(failureEvent(error, lost));
  };

  async function init(command: Extract<ReplicaCommand, { type: 'init' }>): Promise<void> {
    dispose();
    rank = command.rank;
    const { backend, features } = await platform.prepareBackend(
      command.config.precision.mixedPrecision,
      command.config.training.backend,
    );
    const precision = decidePrecision(features, command.config.precision.mixedPrecision);
    const { handle, release: close } = await openReplicaDataset(platform, command.dataset);
    release = close;
    const index = trainingIndex(handle, command.dataset);
    // Said before the trainer is built: a file with no usable protein left fails there, and these are the reasons.
    if (rank === 0) for (const event of skippedProteinLogs(index.skipped)) platform.post(event);
    const source = hdf5Source(handle, index);
    const lengths = index.proteins.map((p) => p.length);
    const stepSize = (config: RunConfig) =>
      stepSizeOf(config, lengths, () => densestContactsPerResidue(handle, index.proteins));
    const { trainer: t, memoryNote } = buildReplicaTrainer(command, source, stepSize, precision.lossScaling, backend);
    trainer = t;
    if (memoryNote && rank === 0) platform.post({ type: 'log', level: 'info', message: memoryNote });
    if (command.weights && !command.checkpoint)
      await startFromWeights(t, command.weights, rank === 0 ? (event) => platform.post(event) : undefined);
    else if (!command.checkpoint && t.config.vq.codebookInit === 'encoder')
      await initialiseCodebookFromEncoder(t.parts, source, t.config.data.maxResidues, t.config.data.seed);
    platform.post({ type: 'ready', info: replicaInfo(t, backend, precision.label, index, source) });
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
    await showInjectedFault(kind, step, trainer, () => platform.loseDevice());
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
      platform.post(deviceLostEvent(reason));
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
