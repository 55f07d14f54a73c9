/**
 * The frame every chart panel shares: a `figure.metric-chart` whose caption leads with the chart's title
 * (`span.chart-title`), then whatever the chart puts beside it (options, counts, hints), then the drawing.
 */
import type { ReactNode, Ref } from 'react';

/** `data-*` attributes by their full name, e.g. `{ 'data-points': 12 }`: what tests read of the drawing. */
export type DataAttributes = Readonly<Record<`data-${string}`, string | number | boolean>>;

export interface ChartFigureProps {
  readonly testId: string;
  readonly title: ReactNode;
  /** Classes after `metric-chart`, e.g. `teaching-chart`. */
  readonly extraClass?: string;
  readonly data: DataAttributes;
  /** What the caption shows after the title. */
  readonly caption?: ReactNode;
  readonly ref?: Ref<HTMLElement>;
  readonly children: ReactNode;
}

export function ChartFigure({ testId, title, extraClass, data, caption, ref, children }: ChartFigureProps) {
  return (
    <figure
      ref={ref}
      className={extraClass === undefined ? 'metric-chart' : `metric-chart ${extraClass}`}
      data-testid={testId}
      {...data}
    >
      <figcaption>
        <span className="chart-title">{title}</span>
        {caption}
      </figcaption>
      {children}
    </figure>
  );
}
