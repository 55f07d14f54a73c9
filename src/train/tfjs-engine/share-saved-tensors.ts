/**
 * Tensors saved for the backward pass share their data instead of being copied.
 *
 * tfjs 4.22 saves every input or output a gradient will need through `Engine.clone`, which runs the Identity
 * kernel: one kernel launch per saved tensor (1,505 of the 4,765 kernels of a teaching step), and on the WebAssembly
 * backend a full copy of each, so every activation kept for backprop existed twice. The CPU and WebGPU backends'
 * Identity kernels already share the data (a reference count, no copy); this does the same on every backend without
 * launching a kernel. Tensors are immutable and `Variable.assign` swaps data rather than writing into it, so a
 * shared buffer can never change under a saved tensor.
 *
 * It replaces one method of the engine instance, so it checks the version it was written against and leaves any
 * other version alone.
 */
import * as tf from '@tensorflow/tfjs';

/** The tfjs version whose engine internals this relies on. */
export const SHARED_SAVES_TFJS_VERSION = '4.22.0';

/** The engine members used here (present in tfjs-core 4.22's Engine, not in its public typings). */
interface EngineInternals {
  clone(x: tf.Tensor): tf.Tensor;
  backend: tf.KernelBackend;
  state: {
    activeScope: { name: string };
    tensorInfo: { get(dataId: object): { backend: tf.KernelBackend } | undefined };
  };
  makeTensorFromTensorInfo(info: tf.TensorInfo, backend?: tf.KernelBackend): tf.Tensor;
  addTapeNode(
    kernelName: string,
    inputs: tf.NamedTensorMap,
    outputs: tf.Tensor[],
    gradient: (dy: tf.Tensor) => Record<string, () => tf.Tensor>,
    saved: tf.Tensor[],
    attrs: tf.NamedAttrMap,
  ): void;
}

const SHARED = Symbol('shared saved tensors');

/** True when the running tfjs is the version this was written for. */
export function canShareSavedTensors(): boolean {
  return tf.version.tfjs === SHARED_SAVES_TFJS_VERSION;
}

/**
 * Makes the engine's saves for backprop share data (idempotent). Returns false, changing nothing, on a tfjs version
 * other than {@link SHARED_SAVES_TFJS_VERSION}.
 */
export function shareSavedTensors(): boolean {
  if (!canShareSavedTensors()) return false;
  const engine = tf.engine() as unknown as EngineInternals & { [SHARED]?: true };
  if (engine[SHARED]) return true;
  engine.clone = function shareForBackward(x: tf.Tensor): tf.Tensor {
    // The backend that holds x's data (a tensor may outlive a switch of the active backend).
    const backend = engine.state.tensorInfo.get(x.dataId)?.backend ?? engine.backend;
    backend.incRef(x.dataId);
    const y = engine.makeTensorFromTensorInfo({ dataId: x.dataId, shape: x.shape, dtype: x.dtype }, backend);
    // The same tape entry the original clone records: a float32 gradient passes straight through.
    const gradient = (dy: tf.Tensor): Record<string, () => tf.Tensor> => ({ x: () => tf.cast(dy, 'float32') });
    engine.addTapeNode(engine.state.activeScope.name, { x }, [y], gradient, [], {});
    return y;
  };
  engine[SHARED] = true;
  return true;
}
