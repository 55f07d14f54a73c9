/**
 * The YAML the studio writes. It is emitted by hand (the files are two levels of scalars) so that every number
 * reads back as the same number in both YAML 1.2 (the `yaml` package) and PyYAML, FoldTree2's reader: PyYAML's
 * YAML 1.1 float needs a dot and a signed exponent (`1.0e-10`, not `1e-10`, which it reads as a string), and
 * float-typed keys keep a `.0` (`1.0`) so Python sees a float where argparse would have given one.
 */
import type { ConfigValue } from './schema-types';

/** `value` as a YAML number: the shortest round-trip decimal, in a form PyYAML reads as a number. */
export function yamlNumber(value: number, float: boolean): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} as a config number`);
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return float && Number.isInteger(value) ? `${text}.0` : text;
  const mantissa = text.slice(0, e);
  const exponent = text.slice(e + 1);
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${/^[-+]/.test(exponent) ? exponent : `+${exponent}`}`;
}

/** One scalar or flow list. Strings are written as JSON strings, which are valid YAML double-quoted scalars. */
export function yamlValue(value: ConfigValue, float: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return yamlNumber(value, float);
  return `[${value.map((item) => yamlNumber(item, true)).join(', ')}]`;
}

/** `# …` lines for a block of text. */
export function yamlComment(lines: readonly string[]): string {
  return lines.map((line) => (line ? `# ${line}` : '#')).join('\n');
}
