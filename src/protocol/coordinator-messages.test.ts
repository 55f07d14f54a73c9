import { describe, expect, test } from 'vitest';
import { isCoordinatorCommand, isCoordinatorEvent, isRunCommand } from './coordinator-messages';

const weights = { name: 'w.safetensors', bytes: new ArrayBuffer(8) };

describe('page → coordinator commands', () => {
  test('a run command, with its optional fields checked where present', () => {
    expect(isRunCommand({ type: 'start', config: {}, dataset: {} })).toBe(true);
    expect(isRunCommand({ type: 'start', config: {}, dataset: {}, weights })).toBe(true);
    expect(isRunCommand({ type: 'start', config: {}, dataset: {}, weights: { name: 'w' } })).toBe(false);
    expect(isRunCommand({ type: 'download-weights', naming: 'foldtree2', purpose: 'encode' })).toBe(true);
    expect(isRunCommand({ type: 'download-weights', purpose: 'print' })).toBe(false);
    expect(isRunCommand({ type: 'set-hyperparameters', changes: [{ path: 'optimizer.adamwLr', value: 1e-3 }] })).toBe(
      true,
    );
    expect(isRunCommand({ type: 'set-hyperparameters', changes: [{ path: 'a', value: null }] })).toBe(false);
    expect(isRunCommand({ type: 'inject-fault', rank: 1, fault: 'hang', atStep: 3 })).toBe(true);
    expect(isRunCommand({ type: 'inject-fault', rank: 1, fault: 'melt', atStep: 3 })).toBe(false);
  });

  test('the client-only commands pass the coordinator guard, not the run-command guard', () => {
    const attach = { type: 'attach-trainers', control: [], exchange: [], isolated: false };
    expect(isCoordinatorCommand(attach)).toBe(true);
    expect(isRunCommand(attach)).toBe(false);
    expect(isCoordinatorCommand({ type: 'trainer-failed', rank: 0, reason: 'lost' })).toBe(true);
    expect(isCoordinatorCommand({ type: 'pause' })).toBe(true);
  });
});

describe('coordinator → page events', () => {
  test('files, faults and changes', () => {
    const file = { step: 4, bytes: new ArrayBuffer(4), fileName: 'run.ftsckpt' };
    expect(isCoordinatorEvent({ type: 'checkpoint', ...file, final: true })).toBe(true);
    expect(isCoordinatorEvent({ type: 'checkpoint', ...file, final: 'yes' })).toBe(false);
    expect(isCoordinatorEvent({ type: 'weights', ...file, purpose: 'save' })).toBe(true);
    expect(isCoordinatorEvent({ type: 'weights', step: 4, fileName: 'w' })).toBe(false);
    const fault = { rank: 1, kind: 'timeout', message: 'Trainer 1 stopped answering.', step: 9, remaining: 1 };
    expect(isCoordinatorEvent({ type: 'fault', fault })).toBe(true);
    expect(isCoordinatorEvent({ type: 'fault', fault: { ...fault, kind: 'boredom' } })).toBe(false);
    expect(
      isCoordinatorEvent({ type: 'hyperparameters-changed', step: 3, changes: [{ path: 'a', value: true }] }),
    ).toBe(true);
    expect(isCoordinatorEvent({ type: 'state', state: 'running' })).toBe(true);
    expect(isCoordinatorEvent({ type: 'state', state: 'sleeping' })).toBe(false);
  });
});
