/** The name download files of the current run start with. */
import { useRunStore } from '../../state/run/run-store';

/** The run's name (as the trainer reported it, else the configured one), read when a download is asked for. */
export function currentRunName(): string {
  const { info, config } = useRunStore.getState();
  return info?.runName ?? config.logging.runName ?? 'foldtree-studio-run';
}
