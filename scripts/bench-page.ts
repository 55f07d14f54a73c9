/**
 * `npm run bench:page`: the page-level figure alone (main-thread blocking, longest task, frames and input echo
 * over a 5,000-step run) → bench/page.json and bench/page.md. `npm run bench` runs it too.
 *
 *   npm run bench:page [-- --real-seconds 60 --until-step 5000 --ramp-seconds 90 --hold-seconds 30]
 */
import { writePageSmoothness } from './bench/page-smoothness-report';
import { DEFAULT_PAGE_SMOOTHNESS, measurePageSmoothness } from './bench/page-smoothness';

const args = process.argv.slice(2);
const number = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const started = performance.now();
const say = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const result = await measurePageSmoothness(
  {
    ...DEFAULT_PAGE_SMOOTHNESS,
    realSeconds: number('--real-seconds', DEFAULT_PAGE_SMOOTHNESS.realSeconds),
    untilStep: number('--until-step', DEFAULT_PAGE_SMOOTHNESS.untilStep),
    rampSeconds: number('--ramp-seconds', DEFAULT_PAGE_SMOOTHNESS.rampSeconds),
    holdSeconds: number('--hold-seconds', DEFAULT_PAGE_SMOOTHNESS.holdSeconds),
  },
  say,
);
const markdown = writePageSmoothness(result);
console.log(`\n${markdown}`);
