/** An element's content width in CSS pixels, kept up to date by a ResizeObserver (0 before the first layout). */
import { useEffect, useState, type RefObject } from 'react';

export function useElementWidth(ref: RefObject<Element | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (typeof ResizeObserver === 'undefined') {
      setWidth(Math.floor(element.clientWidth));
      return;
    }
    // The observer reports the element's size once at the start, then on every change.
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      // Whole pixels only: sub-pixel jitter must not redraw every chart.
      if (box) setWidth(Math.floor(box.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
