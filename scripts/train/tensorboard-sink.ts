/**
 * Metric points into a TensorBoard event file in the run folder (`events.out.tfevents.<start>.<host>`), appended
 * record by record so TensorBoard shows the run while it trains. A resumed run starts a file of its own; TensorBoard
 * reads every event file of a folder as one run.
 */
import { appendFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { eventFileName, TensorBoardEventWriter } from '../../src/formats/tensorboard/event-file';
import type { MetricSink } from './run-folder';

/** A sink writing `events.out.tfevents.*` into `dir`, the file created with the first points. */
export function tensorboardSink(dir: string, host: string = hostname()): MetricSink {
  let writer: TensorBoardEventWriter | null = null;
  return {
    append(points) {
      const first = points[0];
      if (!first) return;
      if (!writer) {
        // Wall times are the start plus each point's training time, so the start is placed at the first point's.
        const wallTimeStart = Date.now() - first.elapsedMs;
        const path = join(dir, eventFileName(wallTimeStart, host));
        writer = new TensorBoardEventWriter((record) => appendFileSync(path, record), {
          wallTimeStart,
          hostname: host,
        });
      }
      for (const point of points) writer.write(point);
    },
    close() {
      // Every record is on disk as soon as it is written.
    },
  };
}
