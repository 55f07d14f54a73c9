/** Preset buttons and what the edited config amounts to: model size, effective batch and trainers. */
import {
  applyConfigPreset,
  CONFIG_PRESET_NAMES,
  CONFIG_PRESETS,
  matchesConfigPreset,
} from '../../state/config/config-presets';
import { modelSize } from '../../state/config/parameter-count';
import { useDatasetStore } from '../../state/dataset-store';
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
  const datasetWidth = useDatasetStore((state) => state.summary?.inputWidth);
  const size = modelSize(config, datasetWidth);
  return (
    <div className="config-summary">
      <p
        className="hint"
        data-testid="config-parameter-count"
        title={`Every parameter of the model this config builds, counted at ${size.inputWidth} input features per residue (${datasetWidth === undefined ? 'the bundled sample’s width: no dataset is open' : 'the open dataset’s width'})`}
      >
        {size.ok ? (
          <>
            Model: <strong>{grouped(size.count)}</strong> parameters ({config.model.preset} preset, {size.inputWidth}{' '}
            input features per residue)
          </>
        ) : (
          <>Model: cannot be built — {size.reason}</>
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
