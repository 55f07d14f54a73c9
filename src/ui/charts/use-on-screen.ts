/**
 * Whether an element is on screen (or within `margin` of it), from an IntersectionObserver: charts off screen keep
 * what they last drew and skip every redraw until they are scrolled back. A hidden tab draws nothing either; the
 * charts catch up when it is shown again.
 */
import { useEffect, useState, type RefObject } from 'react';

/** How far beyond the viewport a chart already counts as on screen, so a scroll finds it drawn. */
export const ON_SCREEN_MARGIN = '120px 0px';

export function useOnScreen(ref: RefObject<Element | null>, margin: string = ON_SCREEN_MARGIN): boolean {
  const [onScreen, setOnScreen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setOnScreen(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        if (entry) setOnScreen(entry.isIntersecting);
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, margin]);
  return onScreen;
}
