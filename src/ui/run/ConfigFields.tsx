/**
 * One input per config key, bound to the run store: the store checks each value against the key's schema row.
 * While a run trains, fields are locked except the keys that may change live (`LIVE_KEYS`): those stay enabled,
 * and a change goes to the trainers — a number when it is committed (Enter or leaving the field), a choice at once.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { configValue, describeConfigKey, type ConfigPath } from '../../state/config-edit';
import { changeWhileTraining, isLiveKey, setConfigValue, useRunStore } from '../../state/run-store';

interface FieldProps {
  readonly path: ConfigPath;
  readonly label: string;
  readonly disabled: boolean;
}

function testIdOf(path: ConfigPath): string {
  return `config-${path.slice(path.indexOf('.') + 1)}`;
}

function useField(path: ConfigPath, locked: boolean) {
  const value = useRunStore((state) => configValue(state.config, path));
  const error = useRunStore((state) => state.fieldErrors[path]);
  const training = useRunStore((state) => state.status === 'running' || state.status === 'paused');
  const { doc, expected } = useMemo(() => describeConfigKey(path), [path]);
  const live = locked && training && isLiveKey(path);
  return { value, error, live, disabled: locked && !live, title: `${doc} (${expected}; key ${path})${live ? ' — changes apply from the next optimizer step' : ''}` };
}

function FieldShell({ id, label, title, error, children }: { id: string; label: string; title: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className="field" title={title}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

const numberText = (value: unknown): string => (typeof value === 'number' ? String(value) : '');

/**
 * A number typed as text (so `1e-4` and half-typed values work). What the user typed stays in the box while it
 * is refused; a value replaced from outside (import, reset) shows up unless the box already means it.
 */
export function NumberField({ path, label, disabled: locked, placeholder }: FieldProps & { readonly placeholder?: string }) {
  const id = useId();
  const { value, error, title, live, disabled } = useField(path, locked);
  const [text, setText] = useState(numberText(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (text.trim() === '' ? value !== null : Number(text) !== value) setText(numberText(value));
  }
  return (
    <FieldShell id={id} label={label} title={title} error={error}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testIdOf(path)}
        data-live={live ? 'true' : undefined}
        onChange={(event) => {
          const typed = event.currentTarget.value;
          setText(typed);
          // A live key is sent when committed, so half-typed numbers (`1` of `1e-3`) never reach the trainers.
          if (!live) setConfigValue(path, typed.trim() === '' ? null : typed);
        }}
        onBlur={() => {
          if (live && text !== numberText(value)) changeWhileTraining(path, text.trim() === '' ? null : text);
        }}
        onKeyDown={(event) => {
          if (live && event.key === 'Enter' && text !== numberText(value)) changeWhileTraining(path, text.trim() === '' ? null : text);
        }}
      />
    </FieldShell>
  );
}

export function SelectField({ path, label, disabled: locked, options }: FieldProps & { readonly options: readonly string[] }) {
  const id = useId();
  const { value, error, title, disabled } = useField(path, locked);
  return (
    <FieldShell id={id} label={label} title={title} error={error}>
      <select id={id} value={String(value)} disabled={disabled} data-testid={testIdOf(path)} onChange={(event) => changeWhileTraining(path, event.currentTarget.value)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckField({ path, label, disabled: locked }: FieldProps) {
  const id = useId();
  const { value, error, title, disabled } = useField(path, locked);
  return (
    <div className="field field-check" title={title}>
      <input id={id} type="checkbox" checked={value === true} disabled={disabled} data-testid={testIdOf(path)} onChange={(event) => changeWhileTraining(path, event.currentTarget.checked)} />
      <label htmlFor={id}>{label}</label>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
