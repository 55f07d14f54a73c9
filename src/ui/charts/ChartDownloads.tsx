/** CSV and JSON download buttons of one chart (or of the whole run). */
import type { DataFormat } from '../../state/charts/metrics-download';

export interface ChartDownloadsProps {
  /** Buttons get test ids `<testId>-csv` and `<testId>-json`. */
  readonly testId: string;
  /** What is downloaded, for the buttons' titles. */
  readonly what: string;
  readonly onDownload: (format: DataFormat) => void;
  readonly disabled?: boolean;
}

export function ChartDownloads({ testId, what, onDownload, disabled = false }: ChartDownloadsProps) {
  return (
    <>
      {(['csv', 'json'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button-link"
          data-testid={`${testId}-${format}`}
          disabled={disabled}
          onClick={() => onDownload(format)}
          title={`Download ${what} as ${format.toUpperCase()} (every step, full precision)`}
        >
          {format.toUpperCase()}
        </button>
      ))}
    </>
  );
}
