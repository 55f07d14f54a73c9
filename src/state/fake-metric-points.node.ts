/** Test helpers: plausible `MetricPoint`s and a scripted fake trainer connection (no Worker in Node). */
import type { CoordinatorConnection, CoordinatorConnector, CoordinatorListener } from '../client/coordinator-client';
import type { MetricPoint } from '../protocol/metric-point';
import type { RunCommand } from '../protocol/coordinator-messages';

/** Point `step` with a decaying loss; `overrides` replace fields. */
export function fakePoint(step: number, overrides: Partial<MetricPoint> = {}): MetricPoint {
  const aminoAcid = 3 / (1 + step / 10);
  const edge = 0.7 / (1 + step / 20);
  return {
    step,
    epoch: Math.floor(step / 10),
    microBatches: step,
    elapsedMs: step * 500,
    losses: { aminoAcid, edge },
    weightedLosses: { aminoAcid, edge: 0.25 * edge },
    total: aminoAcid + 0.25 * edge,
    learningRates: { muon: 0.02, adamw: 3e-4 },
    gradientNorms: { global: 2, encoder: 1.5, decoder: 1, largest: [], smallest: [] },
    commitmentCost: 0.1 + step / 1000,
    lossWeights: { aminoAcid: 1, edge: 0.25 },
    lossScale: 1,
    skippedSteps: 0,
    skipped: false,
    perplexity: 5,
    usedCodes: 6,
    deadCodes: 2,
    codeUsage: [0.5, 0.5],
    stepMs: 500,
    residuesPerSecond: 256,
    proteinsPerSecond: 4,
    ...overrides,
  };
}

export function fakePoints(from: number, count: number): MetricPoint[] {
  return Array.from({ length: count }, (_, k) => fakePoint(from + k));
}

/** A connector whose connections record commands and let the test play the worker's side. */
export class FakeTrainer {
  readonly commands: RunCommand[] = [];
  listener: CoordinatorListener | null = null;
  disposed = 0;
  connections = 0;

  readonly connect: CoordinatorConnector = (listener) => {
    this.listener = listener;
    this.connections++;
    const connection: CoordinatorConnection = {
      send: (command) => void this.commands.push(command),
      dispose: () => void this.disposed++,
    };
    return connection;
  };

  /** Plays an event from the worker, answering the latest connection. */
  emit(...args: Parameters<CoordinatorListener['event']>): void {
    if (!this.listener) throw new Error('no connection yet');
    this.listener.event(...args);
  }

  crash(message: string): void {
    if (!this.listener) throw new Error('no connection yet');
    this.listener.failure(message);
  }

  commandTypes(): string[] {
    return this.commands.map((command) => command.type);
  }
}
