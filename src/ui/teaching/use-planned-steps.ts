/**
 * How many optimizer steps the β preview spans: the active run's own count once it reports it, else the edited
 * config's (`maxSteps`, or epochs over the opened dataset with the trainers this browser would start).
 */
import { useMemo } from 'react';
import { plannedSteps, type PlannedSteps } from '../../state/charts/commitment-curve';
import { useDatasetStore } from '../../state/dataset-store';
import { isActive, useRunStore } from '../../state/run/run-store';
import { plannedTrainers } from '../../state/run/run-commands';

export function usePlannedSteps(): PlannedSteps {
  const config = useRunStore((state) => state.config);
  const runSteps = useRunStore((state) => (isActive(state.status) ? (state.info?.totalSteps ?? null) : null));
  const proteins = useDatasetStore((state) => state.summary?.proteinCount ?? 0);
  return useMemo(
    () =>
      runSteps !== null
        ? { steps: runSteps, exact: true }
        : plannedSteps(config.training, proteins, plannedTrainers(config).count),
    [runSteps, config, proteins],
  );
}
