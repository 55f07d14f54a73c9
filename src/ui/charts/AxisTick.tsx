/**
 * An axis label as a plain SVG `<text>`. Recharts' own tick text measures every new label in the DOM (a forced
 * layout of the page) to wrap and thin them out; a chart's five-or-so numeric labels need neither, and as the x
 * range grows every redraw would bring new labels to measure.
 */

/** What recharts hands a custom tick (the part used here). */
export interface AxisTickProps {
  readonly x: number | string;
  readonly y: number | string;
  readonly textAnchor: string;
  readonly verticalAnchor: string;
  readonly fill: string | undefined;
  readonly className?: string | undefined;
  readonly index: number;
  readonly payload: { readonly value?: unknown };
  readonly tickFormatter: ((value: never, index: number) => string) | undefined;
}

/** Baseline shift per vertical anchor, as recharts' own labels have it. */
const DY: Readonly<Record<string, string>> = { start: '0.71em', middle: '0.355em', end: '0' };

const ANCHORS = ['start', 'middle', 'end', 'inherit'] as const;
const anchorOf = (anchor: string) => ANCHORS.find((a) => a === anchor) ?? 'middle';

/** Renders one tick label, formatted by the axis's `tickFormatter`. */
export function renderAxisTick(props: AxisTickProps) {
  const { x, y, textAnchor, verticalAnchor, fill, className, index, payload, tickFormatter } = props;
  const raw = payload.value;
  const text = tickFormatter ? tickFormatter(raw as never, index) : String(raw);
  return (
    <text x={x} y={y} dy={DY[verticalAnchor] ?? DY['middle']} textAnchor={anchorOf(textAnchor)} fill={fill} fontSize={11} className={className}>
      {text}
    </text>
  );
}
