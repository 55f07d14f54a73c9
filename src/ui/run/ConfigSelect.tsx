/**
 * A drop-down for one config key with a fixed set of choices: a choice goes to the run store at once, and to the
 * trainers when the key may change while training. Labelled by a `<label htmlFor={id}>` or by `ariaLabel`.
 */
import type { ConfigPath } from '../../state/config/config-edit';
import { changeWhileTraining } from '../../state/run/run-commands';

export interface ConfigSelectProps {
  readonly path: ConfigPath;
  readonly value: string;
  readonly options: readonly string[];
  readonly disabled: boolean;
  readonly testId: string;
  readonly id?: string;
  readonly ariaLabel?: string;
}

export function ConfigSelect({ path, value, options, disabled, testId, id, ariaLabel }: ConfigSelectProps) {
  return (
    <select
      id={id}
      aria-label={ariaLabel}
      value={value}
      disabled={disabled}
      data-testid={testId}
      onChange={(event) => changeWhileTraining(path, event.currentTarget.value)}
    >
      {options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  );
}
