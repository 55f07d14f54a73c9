/** The page-level figure as Markdown (pure, tested) and its files, bench/page.json and bench/page.md. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MainThreadSummary } from './main-thread-summary';
import type { PageSmoothnessResult } from './page-smoothness';

/** Acceptance bounds of the page while it trains (issue 18). */
export const PAGE_BOUNDS = { blockingShare: 0.05, longestAfter10sMs: 100, echoMs: 100 } as const;

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const ms = (value: number | null) => (value === null ? '—' : `${value.toFixed(0)} ms`);

function row(name: string, s: MainThreadSummary): string {
  const cells = [
    name,
    `${(s.wallMs / 1000).toFixed(0)} s`,
    percent(s.blockingShare),
    percent(s.longTaskShare),
    String(s.longTasks),
    String(s.over100ms),
    ms(s.longestMs),
    s.framesPerSecond.toFixed(0),
    ms(s.echoMedianMs),
    ms(s.echoMaxMs),
    ms(s.eventMaxMs),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The table of phases and one line per acceptance bound, held or not. */
export function pageSmoothnessMarkdown(result: PageSmoothnessResult): string {
  const { options: o } = result;
  const header = [
    'phase',
    'wall',
    'blocking (TBT / wall)',
    'in long tasks',
    'long tasks',
    'over 100 ms',
    'longest',
    'frames/s',
    'echo median',
    'echo max',
    'slowest key or click (input to paint)',
  ];
  const lines = [
    `Main thread of the studio page while a run trains (tiny preset on WebAssembly; charts on screen; a settings field and the smoothing slider used every 5 s): ` +
      `${o.realSeconds} s of real training (${result.realSteps} steps), then synthetic points to step ${o.untilStep} in ${o.rampSeconds} s and one point every ${o.flushMs} ms for ${o.holdSeconds} s more (last step ${result.lastStep}).`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    row('real training', result.real),
    row(`synthetic, to step ${o.untilStep}`, result.ramp),
    row(`at ${o.untilStep}+ steps`, result.hold),
    row('whole run', result.whole),
    row('after the first 10 s', result.after10s),
    '',
  ];
  const echo = result.after10s.echoMaxMs;
  const checks: Array<[string, boolean]> = [
    [
      `blocking ≤ ${percent(PAGE_BOUNDS.blockingShare)} of wall time (whole run: ${percent(result.whole.blockingShare)})`,
      result.whole.blockingShare <= PAGE_BOUNDS.blockingShare,
    ],
    [
      `no long task over ${PAGE_BOUNDS.longestAfter10sMs} ms after the first 10 s (longest: ${ms(result.after10s.longestMs)})`,
      result.after10s.longestMs <= PAGE_BOUNDS.longestAfter10sMs,
    ],
    [`input echo under ${PAGE_BOUNDS.echoMs} ms (largest: ${ms(echo)})`, echo !== null && echo < PAGE_BOUNDS.echoMs],
  ];
  for (const [text, held] of checks) lines.push(`- ${held ? 'holds' : 'DOES NOT HOLD'}: ${text}`);
  return lines.join('\n');
}

/** Writes bench/page.json and bench/page.md under the repository root; returns the Markdown. */
export function writePageSmoothness(result: PageSmoothnessResult): string {
  const folder = resolve(import.meta.dirname, '../../bench');
  mkdirSync(folder, { recursive: true });
  const markdown = pageSmoothnessMarkdown(result);
  writeFileSync(
    join(folder, 'page.json'),
    `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
  writeFileSync(join(folder, 'page.md'), `# The page while it trains\n\n${markdown}\n`);
  return markdown;
}
