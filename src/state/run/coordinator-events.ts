/**
 * What the coordinator reports, taken into the page's stores: state changes, info, metric batches, log lines,
 * checkpoints and weights (downloaded, or handed to the encoder), faults, tokens for the strip, and the live
 * changes every trainer took (marked on the charts).
 */
import type { CoordinatorEvent } from '../../protocol/coordinator-messages';
import { assertNever } from '../../shared/assert-never';
import { safeFileName } from '../download-file';
import { appendMetrics } from '../charts/metrics-store';
import { addRunEvent } from './run-events';
import { recordCheckpoint, recordEvent, recordMetrics, recordRunInfo, recordRunState } from '../runs/run-recorder';
import { setStripTokens } from '../tokens/token-strip-store';
import { handOverWeights, handOverWeightsFailed } from './current-weights';
import { session } from './run-session';
import { appendLog, failRun, isTerminal, useRunStore } from './run-store';

const kib = (bytes: ArrayBuffer) => (bytes.byteLength / 1024).toFixed(1);

function checkpointFileName(step: number): string {
  const { info, config } = useRunStore.getState();
  return `${safeFileName(info?.runName ?? config.logging.runName ?? 'run')}-step${step}.ftsckpt`;
}

function receiveState(event: Extract<CoordinatorEvent, { type: 'state' }>): void {
  // A run that ended can no longer hand over weights: the encoder waiting for them hears so.
  if (event.state !== 'running' && event.state !== 'paused' && event.state !== 'starting') handOverWeightsFailed();
  const message = event.message ?? null;
  if (isTerminal(useRunStore.getState().status)) {
    // The run already ended (e.g. the user stopped it mid-step and the step then failed): keep the ending the
    // user saw, and log what came after.
    appendLog(
      'warning',
      `After the run ended the coordinator reported "${event.state}"${message ? `: ${message}` : ''}`,
    );
    return;
  }
  if (event.state === 'failed') {
    failRun(message ?? 'Training failed (the coordinator gave no reason)');
    return;
  }
  useRunStore.setState({
    status: event.state,
    statusMessage: message,
    ...(event.state === 'running' ? { fault: null } : {}),
  });
  recordRunState(event.state);
  if (message && !useRunStore.getState().fault) appendLog('info', message);
}

function receiveCheckpoint(event: Extract<CoordinatorEvent, { type: 'checkpoint' }>): void {
  const fileName = checkpointFileName(event.step);
  if (event.final) {
    session.finalCheckpoint = { bytes: event.bytes, fileName };
    recordCheckpoint(event.step, fileName, event.bytes, true);
    useRunStore.setState({
      lastCheckpoint: { fileName, step: event.step, bytes: event.bytes.byteLength, final: true },
    });
    appendLog('info', `Final checkpoint at step ${event.step} ready to download (${kib(event.bytes)} KiB)`);
    return;
  }
  session.saveFile(event.bytes, fileName, 'application/octet-stream');
  recordCheckpoint(event.step, fileName, event.bytes);
  useRunStore.setState({
    checkpointPending: false,
    lastCheckpoint: { fileName, step: event.step, bytes: event.bytes.byteLength },
  });
  appendLog('info', `Checkpoint at step ${event.step} saved as ${fileName} (${kib(event.bytes)} KiB)`);
}

export function receive(event: CoordinatorEvent): void {
  switch (event.type) {
    case 'state':
      return receiveState(event);
    case 'tokens':
      setStripTokens(event.step, event.tokens);
      return;
    case 'weights': {
      if (event.purpose === 'encode') return handOverWeights(event.step, event.bytes, event.fileName);
      const fileName = `${safeFileName(useRunStore.getState().info?.runName ?? 'run')}-${event.fileName}`;
      session.saveFile(event.bytes, fileName, 'application/octet-stream');
      appendLog('info', `Weights at step ${event.step} saved as ${fileName}`);
      return;
    }
    case 'hyperparameters-changed': {
      const label = event.changes.map((c) => `${c.path} → ${String(c.value)}`).join(', ');
      addRunEvent({ step: event.step, kind: 'change', label, time: Date.now() });
      appendLog('info', `From step ${event.step}: ${label}`);
      return;
    }
    case 'fault':
      useRunStore.setState({ fault: event.fault });
      appendLog('error', event.fault.message);
      recordEvent({ step: event.fault.step, kind: 'fault', label: event.fault.message, time: Date.now() });
      return;
    case 'info':
      useRunStore.setState({ info: event.info });
      recordRunInfo(event.info);
      return;
    case 'metrics':
      appendMetrics(event.points);
      recordMetrics(event.points);
      return;
    case 'log':
      appendLog(event.level, event.message);
      return;
    case 'checkpoint':
      return receiveCheckpoint(event);
    default:
      assertNever(event, 'coordinator event');
  }
}
