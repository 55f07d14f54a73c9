/**
 * What a chart's plot draws: `value` once the draw queue has reached this chart, while `live` (on screen); the
 * last value drawn otherwise. The plot is memoised on it, so it redraws only through the queue, one chart per task
 * (`draw-queue.ts`), never together with the cheap frame around it.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { cancelDraw, queueDraw } from './draw-queue';

export function useQueuedDraw<T>(value: T, live: boolean): T {
  const [drawn, setDrawn] = useState(value);
  const chart = useRef({});
  useEffect(() => {
    const token = chart.current;
    if (!live || value === drawn) {
      cancelDraw(token);
      return;
    }
    // Synchronously inside the queue's task: render, commit and recharts' own follow-up render all happen in it.
    queueDraw(token, () => flushSync(() => setDrawn(value)));
  }, [value, live, drawn]);
  useEffect(() => {
    const token = chart.current;
    return () => cancelDraw(token);
  }, []);
  return drawn;
}
