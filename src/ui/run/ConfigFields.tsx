/**
 * One input per config key, bound to the run store: the store checks each value against the key's schema row.
 * While a run trains, fields are locked except the keys that may change live (`LIVE_KEYS`): those stay enabled,
 * and a change goes to the trainers — a number when it is committed (Enter or leaving the field), a choice at once.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { configValue, describeConfigKey, type ConfigPath } from '../../state/config/config-edit';
import { changeWhileTraining } from '../../state/run/run-commands';
import { isLiveKey } from '../../state/config/config-edit';
import { setConfigValue } from '../../state/run/config-actions';
import { useRunStore } from '../../state/run/run-store';
import { ConfigSelect } from './ConfigSelect';

interface FieldProps {
  readonly path: ConfigPath;
  readonly label: string;
  readonly disabled: boolean;
  /** Why the key has no effect with the rest of the config as it is; added to the tooltip. */
  readonly unused?: string | null;
}

function testIdOf(path: ConfigPath): string {
  return `config-${path.slice(path.indexOf('.') + 1)}`;
}

function useField(path: ConfigPath, locked: boolean, unused: string | null = null) {
  const value = useRunStore((state) => configValue(state.config, path));
  const error = useRunStore((state) => state.fieldErrors[path]);
  const training = useRunStore((state) => state.status === 'running' || state.status === 'paused');
  const { doc, expected } = useMemo(() => describeConfigKey(path), [path]);
  const live = locked && training && isLiveKey(path);
  const notes = `${live ? ' — changes apply from the next optimizer step' : ''}${unused ? ` — not used now: ${unused}` : ''}`;
  return { value, error, live, disabled: locked && !live, title: `${doc} (${expected}; key ${path})${notes}` };
}

function FieldShell({
  id,
  label,
  title,
  error,
  unused,
  children,
}: {
  id: string;
  label: string;
  title: string;
  error: string | undefined;
  unused: string | null | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field" title={title} data-unused={unused ? 'true' : undefined}>
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

/** What every text box of the panel carries: its id, test id, and the error it describes. */
function textInputProps(id: string, path: ConfigPath, error: string | null | undefined, disabled: boolean) {
  return {
    id,
    type: 'text',
    autoComplete: 'off',
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    'data-testid': testIdOf(path),
  } as const;
}

/**
 * A number typed as text (so `1e-4` and half-typed values work). What the user typed stays in the box while it
 * is refused; a value replaced from outside (import, reset) shows up unless the box already means it.
 */
export function NumberField({
  path,
  label,
  disabled: locked,
  placeholder,
  unused,
}: FieldProps & { readonly placeholder?: string }) {
  const id = useId();
  const { value, error, title, live, disabled } = useField(path, locked, unused);
  const [text, setText] = useState(numberText(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (text.trim() === '' ? value !== null : Number(text) !== value) setText(numberText(value));
  }
  return (
    <FieldShell id={id} label={label} title={title} error={error} unused={unused}>
      <input
        {...textInputProps(id, path, error, disabled)}
        inputMode="decimal"
        spellCheck={false}
        value={text}
        placeholder={placeholder}
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
          if (live && event.key === 'Enter' && text !== numberText(value))
            changeWhileTraining(path, text.trim() === '' ? null : text);
        }}
      />
    </FieldShell>
  );
}

export function SelectField({
  path,
  label,
  disabled: locked,
  options,
  unused,
}: FieldProps & { readonly options: readonly string[] }) {
  const id = useId();
  const { value, error, title, disabled } = useField(path, locked, unused);
  return (
    <FieldShell id={id} label={label} title={title} error={error} unused={unused}>
      <ConfigSelect
        id={id}
        path={path}
        value={String(value)}
        options={options}
        disabled={disabled}
        testId={testIdOf(path)}
      />
    </FieldShell>
  );
}

export function CheckField({ path, label, disabled: locked, unused }: FieldProps) {
  const id = useId();
  const { value, error, title, disabled } = useField(path, locked, unused);
  return (
    <div className="field field-check" title={title} data-unused={unused ? 'true' : undefined}>
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        disabled={disabled}
        data-testid={testIdOf(path)}
        onChange={(event) => changeWhileTraining(path, event.currentTarget.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

const listText = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : '');
const listItems = (text: string): string[] => text.split(/[\s,]+/).filter((item) => item !== '');

/**
 * A fixed-length list of numbers typed as `0.9, 0.95` (commas or spaces). Like `NumberField`, refused text stays
 * in the box and a value replaced from outside shows up unless the box already means it.
 */
export function NumberListField({ path, label, disabled: locked, unused }: FieldProps) {
  const id = useId();
  const { value, error, title, disabled } = useField(path, locked, unused);
  const [text, setText] = useState(listText(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (listItems(text).map(Number).join(', ') !== listText(value)) setText(listText(value));
  }
  return (
    <FieldShell id={id} label={label} title={title} error={error} unused={unused}>
      <input
        {...textInputProps(id, path, error, disabled)}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          const typed = event.currentTarget.value;
          setText(typed);
          setConfigValue(path, listItems(typed));
        }}
      />
    </FieldShell>
  );
}

/** Free text; an empty box is `null` where the key allows it. `readOnly` keys are filled in elsewhere (the dataset). */
export function TextField({
  path,
  label,
  disabled: locked,
  placeholder,
  nullable,
  readOnly = false,
  unused,
}: FieldProps & { readonly placeholder?: string; readonly nullable: boolean; readonly readOnly?: boolean }) {
  const id = useId();
  const { value, error, title, disabled } = useField(path, locked, unused);
  return (
    <FieldShell id={id} label={label} title={title} error={error} unused={unused}>
      <input
        {...textInputProps(id, path, error, disabled)}
        value={typeof value === 'string' ? value : ''}
        placeholder={placeholder}
        readOnly={readOnly}
        onChange={(event) => {
          const typed = event.currentTarget.value;
          setConfigValue(path, typed === '' && nullable ? null : typed);
        }}
      />
    </FieldShell>
  );
}
