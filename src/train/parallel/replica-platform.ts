/** What a trainer replica needs from the thread it runs in: the trainer worker, or a test harness in Node. */
import type { H5Wasm } from '../../data/hdf5/h5-types';
import type { TrainingDataset } from '../../protocol/coordinator-messages';
import type { ReplicaEvent } from '../../protocol/replica-messages';
import type { TrainingBackendChoice } from '../../protocol/run-config';
import type { PortLike } from './message-sum';

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
