/** Axis and tooltip text for the charts: short numbers and run durations. */

/** 3 significant digits, exponent form for very large or small magnitudes: `0.0123` → `1.2e-2`. */
export function compactNumber(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e4 || abs < 1e-2) return value.toExponential(1);
  return Number(value.toPrecision(3)).toString();
}

/** A run's elapsed time: `42s`, `3:07`, `1:02:05`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (hours > 0) return `${hours}:${two(minutes)}:${two(seconds)}`;
  if (minutes > 0) return `${minutes}:${two(seconds)}`;
  return `${seconds}s`;
}

/** A tooltip's value: numbers compact, anything else as it stands. */
export function compactTooltipValue(value: unknown): string {
  return typeof value === 'number' ? compactNumber(value) : String(value);
}
