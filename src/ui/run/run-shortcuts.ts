/**
 * Keyboard control of a run, outside text fields: Space starts, pauses and resumes; "." takes one step while
 * paused; "s" saves a checkpoint; Escape stops. Shown in the controls' titles and the shortcut hint.
 */
import { useEffect } from 'react';
import { pauseRun, resumeRun, saveCheckpoint, startRun, stepOnce, stopRun } from '../../state/run/run-commands';
import { useRunStore } from '../../state/run/run-store';
import type { TrainingSource } from '../../state/run/training-dataset';

export const SHORTCUT_HINT =
  'Keys: Space start / pause / resume · . one step while paused · s save checkpoint · Esc stop';

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))
  );
}

/** Space on a focused button or link presses it (the browser's own behaviour), so the shortcut stays out. */
function pressesFocused(event: KeyboardEvent): boolean {
  return (
    event.key === ' ' &&
    event.target instanceof HTMLElement &&
    ['BUTTON', 'A', 'SUMMARY'].includes(event.target.tagName)
  );
}

export function useRunShortcuts(source: TrainingSource): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target) || pressesFocused(event)) return;
      const { status, fieldErrors } = useRunStore.getState();
      if (event.key === ' ') {
        event.preventDefault();
        if (status === 'running') pauseRun();
        else if (status === 'paused') resumeRun();
        else if (status !== 'starting' && source.ok && Object.keys(fieldErrors).length === 0)
          startRun(source.dataset, source.configName);
      } else if (event.key === '.') stepOnce();
      else if (event.key === 's') saveCheckpoint();
      else if (event.key === 'Escape') stopRun();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [source]);
}
