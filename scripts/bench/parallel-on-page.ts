/**
 * The training benchmark on the open benchmark page: real runs of a few optimizer steps per preset × backend ×
 * trainer count (`ParallelBench`), each row given the browser's peak resident memory while it ran.
 */
import type { Page } from '@playwright/test';
import { describeCase, type ParallelBenchRow } from '../../src/state/bench/parallel-bench-store';
import type { MemorySampler } from './process-memory';

/** A row with the browser's peak resident memory (all its processes) while the run went on, MiB. */
export type MeasuredRow = ParallelBenchRow & { readonly peakMemoryMiB: number | null };

async function rowsOf(page: Page): Promise<ParallelBenchRow[]> {
  const texts = await page
    .locator('[data-result]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-result') ?? '{}'));
  return texts.map((text) => JSON.parse(text) as ParallelBenchRow);
}

/** One line per row for the console. */
export function describeRow(row: MeasuredRow): string {
  const name = describeCase({ preset: row.preset, backend: row.requestedBackend, trainers: row.requestedTrainers });
  if (!row.ok) return `${name}: failed: ${row.error}`;
  const memory = row.peakMemoryMiB === null ? '' : `, browser peak ${row.peakMemoryMiB.toFixed(0)} MiB`;
  const steps = row.stepTimesMs.map((ms) => ms.toFixed(0)).join(', ');
  return `${name} (${row.backend}): ${row.stepMs.toFixed(0)} ms/step (steps ${steps}), all-reduce ${(row.exchangeShare * 100).toFixed(1)} %${memory}`;
}

/** Clicks "run", reports each row as it lands (memory marked between rows) and returns them when the page is done. */
export async function trainingRowsOnPage(
  page: Page,
  memory: MemorySampler | null,
  say: (line: string) => void,
): Promise<MeasuredRow[]> {
  const measured: MeasuredRow[] = [];
  memory?.mark();
  await page.getByTestId('run-parallel-bench').click();
  for (;;) {
    const done = (await page.getByTestId('parallel-bench').getAttribute('data-status')) === 'done';
    const rows = await rowsOf(page);
    for (const row of rows.slice(measured.length)) {
      // Cases run one after another and a row lands when its run has ended: the interval since the last mark is
      // this run's (with the end of the one before, whose workers are closing then).
      const withMemory: MeasuredRow = { ...row, peakMemoryMiB: memory ? memory.mark() : null };
      measured.push(withMemory);
      say(describeRow(withMemory));
    }
    if (done) return measured;
    await page.waitForTimeout(250);
  }
}
