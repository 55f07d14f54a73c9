/**
 * Figures of one window of a `MainThreadRecord`: how much of the wall time long tasks blocked the main thread,
 * the longest task, frames per second and input echo. Pure, so it is tested.
 */
import type { MainThreadRecord } from './main-thread-probe';

/** A task longer than this blocks input (the Long Tasks API's threshold); the part beyond it is blocking time. */
export const LONG_TASK_MS = 50;

export interface MainThreadSummary {
  /** Window length, ms. */
  readonly wallMs: number;
  readonly longTasks: number;
  readonly over100ms: number;
  /** Total blocking time: Σ (duration − 50 ms) over the long tasks in the window, ms. */
  readonly blockingMs: number;
  /** blockingMs / wallMs. */
  readonly blockingShare: number;
  /** Σ duration of the long tasks / wallMs (time the main thread was in tasks of 50 ms or more). */
  readonly longTaskShare: number;
  /** Longest task starting in the window, ms (0 when none). */
  readonly longestMs: number;
  readonly framesPerSecond: number;
  readonly echoSamples: number;
  /** Largest and median input echo, ms (null without samples). */
  readonly echoMaxMs: number | null;
  readonly echoMedianMs: number | null;
  /** Longest input event (key, click) from input to the next paint, as the browser timed it; null without one ≥ 16 ms. */
  readonly eventMaxMs: number | null;
}

/** The figures for tasks, frames and echoes that start in [fromMs, toMs) of the page's clock. */
export function summarizeWindow(
  record: MainThreadRecord,
  fromMs: number,
  toMs: number = record.now,
): MainThreadSummary {
  const wallMs = Math.max(0, toMs - fromMs);
  const inside = (t: number) => t >= fromMs && t < toMs;
  const tasks = record.longTasks.filter((task) => inside(task.start));
  const blockingMs = tasks.reduce((sum, task) => sum + Math.max(0, task.duration - LONG_TASK_MS), 0);
  const busyMs = tasks.reduce((sum, task) => sum + task.duration, 0);
  const frames = record.frames.filter(inside).length;
  const events = record.events.filter((event) => inside(event.start));
  const echoes = record.echoes
    .filter((echo) => inside(echo.at))
    .map((echo) => echo.ms)
    .sort((a, b) => a - b);
  return {
    wallMs,
    longTasks: tasks.length,
    over100ms: tasks.filter((task) => task.duration > 100).length,
    blockingMs,
    blockingShare: wallMs > 0 ? blockingMs / wallMs : 0,
    longTaskShare: wallMs > 0 ? busyMs / wallMs : 0,
    longestMs: tasks.reduce((longest, task) => Math.max(longest, task.duration), 0),
    framesPerSecond: wallMs > 0 ? (frames * 1000) / wallMs : 0,
    echoSamples: echoes.length,
    echoMaxMs: echoes.at(-1) ?? null,
    echoMedianMs: echoes.length > 0 ? (echoes[Math.floor((echoes.length - 1) / 2)] ?? null) : null,
    eventMaxMs: events.length > 0 ? Math.max(...events.map((event) => event.duration)) : null,
  };
}

/** One line for logs: `blocking 1.2 % (0.4 s of 30 s), 3 long tasks, longest 72 ms, 58 frames/s, echo ≤ 24 ms`. */
export function describeSummary(summary: MainThreadSummary): string {
  const echo =
    summary.echoMaxMs === null
      ? 'no echo sample'
      : `echo ≤ ${summary.echoMaxMs.toFixed(0)} ms (median ${(summary.echoMedianMs ?? 0).toFixed(0)} ms, ${summary.echoSamples} keys)`;
  const events =
    summary.eventMaxMs === null
      ? 'every input event under 16 ms'
      : `slowest input event ${summary.eventMaxMs.toFixed(0)} ms`;
  return (
    `blocking ${(summary.blockingShare * 100).toFixed(1)} % (${(summary.blockingMs / 1000).toFixed(1)} s of ${(summary.wallMs / 1000).toFixed(0)} s), ` +
    `long tasks ${(summary.longTaskShare * 100).toFixed(1)} % of the time, ${summary.longTasks} long tasks (${summary.over100ms} over 100 ms), ` +
    `longest ${summary.longestMs.toFixed(0)} ms, ${summary.framesPerSecond.toFixed(0)} frames/s, ${echo}, ${events}`
  );
}
