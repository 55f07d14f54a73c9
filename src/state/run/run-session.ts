/**
 * What the run store keeps beside its data: the connection to the coordinator (replaced for each run, with a
 * ticket so an older run's events are dropped), the finished run's checkpoint bytes, and the file saver. Tests
 * hand in a fake coordinator and saver through `setRunDependencies`.
 */
import {
  connectCoordinator,
  type CoordinatorConnection,
  type CoordinatorConnector,
} from '../../client/coordinator-client';
import type { RunCommand } from '../../protocol/coordinator-messages';
import { saveWithObjectUrl, type FileSaver } from '../download-file';
import { failRun } from './run-store';

export const session: {
  connector: CoordinatorConnector;
  saveFile: FileSaver;
  connection: CoordinatorConnection | null;
  /** Bumped for every run: events of an older run's worker are dropped. */
  ticket: number;
  /** The finished run's checkpoint (kept out of the store, which holds plain data). */
  finalCheckpoint: { readonly bytes: ArrayBuffer; readonly fileName: string } | null;
} = { connector: connectCoordinator, saveFile: saveWithObjectUrl, connection: null, ticket: 0, finalCheckpoint: null };

/** Tests hand in a fake coordinator and file saver; `null` restores the real ones. */
export function setRunDependencies(deps: {
  connector?: CoordinatorConnector | null;
  saveFile?: FileSaver | null;
}): void {
  if (deps.connector !== undefined) session.connector = deps.connector ?? connectCoordinator;
  if (deps.saveFile !== undefined) session.saveFile = deps.saveFile ?? saveWithObjectUrl;
}

/** Sends `command` to the coordinator; false when there is no run or the send failed (the run then fails). */
export function send(command: RunCommand): boolean {
  if (!session.connection) return false;
  try {
    session.connection.send(command);
    return true;
  } catch (error) {
    failRun(error instanceof Error ? error.message : String(error));
    return false;
  }
}

/** Closes the coordinator's worker; its events, from now on, are dropped. */
export function closeConnection(): void {
  session.connection?.dispose();
  session.connection = null;
  session.ticket++;
}
