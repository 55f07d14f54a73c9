import type { F16Check } from '../../protocol/model-bench-messages';
import { ResultsTable } from './ResultsTable';

const worst = (values: readonly number[]) => Math.max(...values);

/** What the f16 matMul check found: per-shape errors, overflow handling, and the whole model against the CPU. */
export function F16CheckResult({ check }: { check: F16Check }) {
  const { matMul, model } = check;
  const vsHalf = worst(matMul.cases.map((c) => c.vsHalfReference));
  const vsF32 = Math.min(...matMul.cases.map((c) => c.vsFloat32));
  return (
    <div
      data-testid="f16-check"
      data-variant={check.variant}
      data-vs-half={vsHalf}
      data-min-vs-f32={vsF32}
      data-overflow-infinity={String(matMul.overflowGivesInfinity)}
      data-model-loss={model.loss.relative}
      data-model-gradient={model.gradient.relative}
      data-model-gradient-norm={model.gradientNorm}
    >
      <p>
        f16 matMul (
        {check.variant === 'native'
          ? 'half-precision tiles, shader-f16'
          : 'packed-half check: this adapter has no shader-f16'}
        ) on backend {matMul.backend}: worst error against the half-rounded reference {vsHalf.toExponential(2)};
        smallest difference from a float32 product {vsF32.toExponential(2)}; an operand beyond the half range gives{' '}
        {matMul.overflowGivesInfinity ? 'Infinity' : 'a finite value'}.
      </p>
      <p>
        Whole {model.preset} model with f16 matMuls vs CPU float32: losses {model.loss.relative.toExponential(2)} (at{' '}
        {model.loss.at}), all gradients together {model.gradientNorm.toExponential(2)} (‖Δg‖/‖g‖), the worst single
        parameter {model.gradient.relative.toExponential(2)} (at {model.gradient.at}).
      </p>
      <ResultsTable
        columns={['shape', 'vs half reference', 'vs float32']}
        rows={matMul.cases}
        keyOf={(c) => c.label}
        cells={(c) => (
          <>
            <td>{c.label}</td>
            <td>{c.vsHalfReference.toExponential(2)}</td>
            <td>{c.vsFloat32.toExponential(2)}</td>
          </>
        )}
      />
    </div>
  );
}
