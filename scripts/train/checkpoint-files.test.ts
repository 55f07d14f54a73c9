import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCheckpoint } from '../../src/formats/checkpoint-codec';
import { checkpointOptimizerStep, checkpointStep, newestCheckpoint, newestCheckpointIn } from './checkpoint-files';
import { CliError, EXIT_CODES } from './exit-codes';

describe('checkpoint files', () => {
  it('reads the step from the studio’s file names', () => {
    expect(checkpointStep('tiny-2026-01-01-00-00-00-step120.ftsckpt')).toBe(120);
    expect(checkpointStep('saved.ftsckpt')).toBeNull();
    expect(checkpointStep('run-step12.ftsckpt.part')).toBeNull();
  });

  it('resumes from the most steps, then the newest file; ignores other files', () => {
    const files = [
      { name: 'r-step9.ftsckpt', mtimeMs: 300 },
      { name: 'r-step40.ftsckpt', mtimeMs: 100 },
      { name: 'metrics.jsonl', mtimeMs: 999 },
      { name: 'other-step40.ftsckpt', mtimeMs: 200 },
      { name: 'renamed.ftsckpt', mtimeMs: 900 },
    ];
    expect(newestCheckpoint(files)).toEqual({ name: 'other-step40.ftsckpt', step: 40 });
    expect(
      newestCheckpoint([
        { name: 'a.ftsckpt', mtimeMs: 1 },
        { name: 'b.ftsckpt', mtimeMs: 2 },
      ]),
    ).toEqual({ name: 'b.ftsckpt', step: null });
    expect(newestCheckpoint([{ name: 'config.yaml', mtimeMs: 1 }])).toBeNull();
  });

  it('finds the newest checkpoint in a folder, and none in a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
    writeFileSync(join(dir, 'r-step2.ftsckpt'), 'x');
    writeFileSync(join(dir, 'r-step10.ftsckpt'), 'x');
    utimesSync(join(dir, 'r-step2.ftsckpt'), new Date(), new Date(Date.now() + 60_000));
    expect(newestCheckpointIn(dir)).toEqual({ path: join(dir, 'r-step10.ftsckpt'), step: 10 });
    expect(newestCheckpointIn(join(dir, 'missing'))).toBeNull();
  });

  it('reads the step a checkpoint has taken from its own header', () => {
    const bytes = encodeCheckpoint({
      format: 'foldtree-studio-checkpoint',
      counters: { optimizerStep: 17, epoch: 0 },
      weights: { w: new Float32Array([1, 2]) },
    });
    expect(checkpointOptimizerStep(bytes, 'a.ftsckpt')).toBe(17);
  });

  it('refuses bytes that are no training checkpoint with exit code 2, naming the file', () => {
    for (const bytes of [new TextEncoder().encode('not a checkpoint').buffer, encodeCheckpoint({ counters: {} })]) {
      let error: unknown;
      try {
        checkpointOptimizerStep(bytes, 'bad.ftsckpt');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(EXIT_CODES.usage);
      expect((error as CliError).message).toContain('bad.ftsckpt');
    }
  });
});
