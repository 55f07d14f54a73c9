/** A labelled whole-number setting of the benchmark page, kept within [min, max]. */
export function BoundedNumber(props: {
  label: string;
  min: number;
  max: number;
  value: number;
  onChange: (value: number) => void;
  disabled: boolean;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        disabled={props.disabled}
      />
    </label>
  );
}
