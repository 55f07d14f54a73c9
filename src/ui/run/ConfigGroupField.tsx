/** The input for one schema row, chosen by the row's kind, so a key added to the schema needs no UI code. */
import { FILLED_BY_THE_STUDIO, keyLabel, nullMeaning, type KeySpec } from '../../state/config/config-layout';
import { CheckField, NumberField, NumberListField, SelectField, TextField } from './ConfigFields';

export function ConfigGroupField({ spec, locked, unused }: { spec: KeySpec; locked: boolean; unused: string | null }) {
  const common = { path: spec.path, label: keyLabel(spec.path), disabled: locked, unused };
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return spec.nullable ? (
        <NumberField {...common} placeholder={nullMeaning(spec.path)} />
      ) : (
        <NumberField {...common} />
      );
    case 'boolean':
      return <CheckField {...common} />;
    case 'enum':
      return <SelectField {...common} options={spec.values} />;
    case 'string':
      return (
        <TextField
          {...common}
          nullable={spec.nullable}
          readOnly={FILLED_BY_THE_STUDIO.includes(spec.path)}
          {...(spec.nullable ? { placeholder: nullMeaning(spec.path) } : {})}
        />
      );
    case 'number[]':
      return <NumberListField {...common} />;
  }
}
