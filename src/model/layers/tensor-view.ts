/**
 * A tensor of another shape over the same data, without a kernel: what tfjs's Reshape kernel does on every backend
 * (a reference count, no copy), minus the launch. It records nothing for automatic differentiation, so it is only
 * for code whose gradient is written by hand (inside `tf.customGrad`, where tfjs records nothing either). It uses
 * two engine members of tfjs 4.22 (checked); on any other version it is tf.reshape.
 */
import * as tf from '@tensorflow/tfjs';

interface EngineInternals {
  backend: tf.KernelBackend;
  state: { tensorInfo: { get(dataId: object): { backend: tf.KernelBackend } | undefined } };
  makeTensorFromTensorInfo(info: tf.TensorInfo, backend?: tf.KernelBackend): tf.Tensor;
}

const SUPPORTED = tf.version.tfjs === '4.22.0';

/** x viewed as `shape` (same size). */
export function reshapeView(x: tf.Tensor, shape: number[]): tf.Tensor {
  if (!SUPPORTED) return tf.reshape(x, shape);
  if (shape.reduce((a, b) => a * b, 1) !== x.size)
    throw new Error(`cannot view [${x.shape.join(', ')}] as [${shape.join(', ')}]`);
  const engine = tf.engine() as unknown as EngineInternals;
  const backend = engine.state.tensorInfo.get(x.dataId)?.backend ?? engine.backend;
  backend.incRef(x.dataId);
  return engine.makeTensorFromTensorInfo({ dataId: x.dataId, shape, dtype: x.dtype }, backend);
}
