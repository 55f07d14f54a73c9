import { describe, expect, it } from 'vitest';
import { leafOf, SCHEMA_ROWS } from '../../config/run-config-values';
import type { ConfigPath, KeySpec } from '../../config/schema-types';
import { browserRunConfig, withConfigValue } from './config-edit';
import { configPanelLayout, keyLabel, nullMeaning, PANEL_GROUPS, panelGroupOf, unusedBecause } from './config-layout';

const pathsOf = (specs: readonly KeySpec[]) => specs.map((spec) => spec.path);

describe('configPanelLayout', () => {
  it('has the groups a user looks for, none of them empty', () => {
    const layout = configPanelLayout();
    expect(layout.map((group) => group.id)).toEqual([
      'model',
      'data',
      'training',
      'parallelism',
      'optimizer',
      'schedule',
      'quantizer',
      'losses',
      'masking',
      'precision',
      'logging',
    ]);
    for (const group of layout) expect(group.primary.length, group.id).toBeGreaterThan(0);
  });

  it('shows every schema key exactly once', () => {
    const shown = configPanelLayout().flatMap((group) => [...pathsOf(group.primary), ...pathsOf(group.more)]);
    expect([...shown].sort()).toEqual(pathsOf(SCHEMA_ROWS).sort());
  });

  it('keeps the keys the run journeys set outside the "more" disclosures', () => {
    const primary = configPanelLayout().flatMap((group) => pathsOf(group.primary).map(leafOf));
    for (const leaf of [
      'preset',
      'batchSize',
      'maxResidues',
      'epochs',
      'seed',
      'workers',
      'maxSteps',
      'strategy',
      'muonLr',
      'adamwLr',
      'learningRate',
      'edgeWeight',
      'commitmentSchedule',
    ]) {
      expect(primary, leaf).toContain(leaf);
    }
  });

  it('puts parallelism and clipping where a user looks for them, the rest by the key’s own group', () => {
    expect(panelGroupOf('training.workers')).toBe('parallelism');
    expect(panelGroupOf('training.clipGradMode')).toBe('optimizer');
    expect(panelGroupOf('training.epochs')).toBe('training');
    expect(panelGroupOf('decoders.outputFft')).toBe('model');
    expect(panelGroupOf('vq.ema')).toBe('quantizer');
  });

  it('places a key added to the schema behind its group’s "more", labelled from its name', () => {
    const added = { ...SCHEMA_ROWS[0], path: 'training.warmRestartEvery' } as unknown as KeySpec;
    const training = configPanelLayout([...SCHEMA_ROWS, added]).find((group) => group.id === 'training');
    expect(training?.more.at(-1)?.path).toBe('training.warmRestartEvery');
    expect(keyLabel('training.warmRestartEvery' as ConfigPath)).toBe('Warm restart every');
  });

  it('labels every key differently', () => {
    const labels = SCHEMA_ROWS.map((spec) => keyLabel(spec.path));
    expect(new Set(labels).size).toBe(labels.length);
    expect(PANEL_GROUPS).toHaveLength(11);
  });
});

describe('unusedBecause', () => {
  it('says which switch leaves a key without effect', () => {
    const config = browserRunConfig();
    expect(unusedBecause(config, 'optimizer.muonLr')).toBe('Muon is off');
    expect(unusedBecause(config, 'training.learningRate')).toBeNull();
    expect(unusedBecause(config, 'vq.commitmentStart')).toBe('the commitment cost is not scheduled');
    expect(unusedBecause(config, 'losses.fft2Weight')).toBe('the FFT2 head is off');
    expect(unusedBecause(config, 'schedule.lrWarmupSteps')).toBeNull();
    const ratio = withConfigValue(config, 'schedule.lrWarmupRatio', 0.05);
    if (!ratio.ok) throw new Error(ratio.message);
    expect(unusedBecause(ratio.config, 'schedule.lrWarmupSteps')).toBe('lrWarmupRatio overrides it');
    expect(unusedBecause(config, 'training.batchSize')).toBeNull();
    const muon = withConfigValue(config, 'optimizer.useMuon', true);
    if (!muon.ok) throw new Error(muon.message);
    expect(unusedBecause(muon.config, 'optimizer.muonLr')).toBeNull();
    expect(unusedBecause(muon.config, 'training.learningRate')).toMatch(/^Muon is on/);
  });

  it('says what an empty box means for a nullable number', () => {
    expect(nullMeaning('data.maxResidues')).toBe('whole chains');
    expect(nullMeaning('model.hiddenSize')).toBe('preset’s');
  });
});
