/** Preset buttons and what the edited config amounts to: model size, effective batch and trainers. */
import {
  applyConfigPreset,
  CONFIG_PRESET_NAMES,
  CONFIG_PRESETS,
  matchesConfigPreset,
} from '../../state/config/config-presets';
import { COUNTED_INPUT_WIDTH, parameterEstimate } from '../../state/config/parameter-count';
import { plannedTrainers } from '../../state/run/run-commands';
import { useRunStore } from '../../state/run/run-store';

const grouped = (n: number): string => n.toLocaleString('en-US');

export function ConfigPresets({ locked }: { locked: boolean }) {
  const config = useRunStore((state) => state.config);
  return (
    <div className="config-presets" role="group" aria-label="Presets">
      {CONFIG_PRESET_NAMES.map((name) => (
        <button
          key={name}
          type="button"
          className="button-secondary"
          data-testid={`preset-${name}`}
          title={CONFIG_PRESETS[name].description}
          aria-pressed={matchesConfigPreset(config, name)}
          disabled={locked}
          onClick={() => applyConfigPreset(name)}
        >
          {CONFIG_PRESETS[name].label}
        </button>
      ))}
    </div>
  );
}

export function ConfigSummary() {
  const config = useRunStore((state) => state.config);
  const trainers = plannedTrainers(config);
  const { batchSize, gradientAccumulationSteps } = config.training;
  const estimate = parameterEstimate(config);
  return (
    <div className="config-summary">
      <p
        className="hint"
        data-testid="config-parameter-count"
        title={`Counted at ${COUNTED_INPUT_WIDTH} input features per residue (the bundled sample); another dataset's width changes the input layer`}
      >
        {estimate.exact ? (
          <>
            Model: <strong>{grouped(estimate.count)}</strong> parameters ({estimate.preset} preset)
          </>
        ) : (
          <>
            Model: {estimate.preset} preset has <strong>{grouped(estimate.count)}</strong> parameters;{' '}
            {estimate.differences.join(', ')} change{estimate.differences.length === 1 ? 's' : ''} that — the run
            reports the exact count when it starts
          </>
        )}
      </p>
      <p className="hint" data-testid="effective-batch">
        Effective batch: {batchSize * trainers.count * gradientAccumulationSteps} proteins per optimizer step (
        {batchSize} × {trainers.count} trainer{trainers.count === 1 ? '' : 's'} × {gradientAccumulationSteps}{' '}
        accumulation)
      </p>
      <p className="hint" data-testid="planned-trainers">
        {trainers.reason}
      </p>
    </div>
  );
}
