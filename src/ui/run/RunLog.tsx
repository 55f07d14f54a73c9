/** The run's log lines, newest at the bottom, kept scrolled to the end by the column-reverse layout. */
import { useRunStore } from '../../state/run/run-store';

const SHOWN = 200;

const clock = (time: number): string => new Date(time).toLocaleTimeString('en-GB', { hour12: false });

export function RunLog() {
  const logs = useRunStore((state) => state.logs);
  if (logs.length === 0) return null;
  const shown = logs.slice(-SHOWN);
  return (
    <details className="run-log" open>
      <summary>Log ({logs.length} lines)</summary>
      <div className="run-log-scroll">
        <ol data-testid="run-log">
          {shown.map((line, k) => (
            <li key={logs.length - shown.length + k} className={`log-${line.level}`}>
              <time>{clock(line.time)}</time> {line.message}
            </li>
          ))}
        </ol>
      </div>
    </details>
  );
}
