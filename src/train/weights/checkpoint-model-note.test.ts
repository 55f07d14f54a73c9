import { describe, expect, test } from 'vitest';
import { presetCheckpoint, presetConfig } from '../../../scripts/fault-corpus/input-faults';
import { readGoodProteins } from '../../../scripts/fault-corpus/h5-faults';
import { checkpointModelNote } from './checkpoint-model-note';

describe('resuming a checkpoint of another model in the page', () => {
  test('is said in one line; the same model says nothing', async () => {
    const tiny = new URL('../../../fixtures/tiny-structs.h5', import.meta.url).pathname;
    const bytes = await presetCheckpoint('teaching', (await readGoodProteins(tiny)).slice(0, 2), 'teaching-run');
    expect(checkpointModelNote(bytes, presetConfig('tiny'))).toBe(
      "The checkpoint holds a teaching model with its own settings, not the tiny model set here: the run continues the checkpoint's model and config",
    );
    const teaching = presetConfig('teaching');
    expect(checkpointModelNote(bytes, { ...teaching, data: { ...teaching.data, maxResidues: 24 } })).toBeNull();
    expect(checkpointModelNote(new ArrayBuffer(4), teaching)).toBeNull();
  }, 60_000);
});
