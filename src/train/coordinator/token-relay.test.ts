/** The tokens of one protein under a running model's current weights. */
import { expect, test } from 'vitest';
import { smallRunConfig } from '../trainer/testing-sample-source.node';
import { runUntil, states } from './testing-coordinator-runs.node';

test('the tokens of one protein under the current weights: one code per residue, in range, with its pLDDT', async () => {
  const h = await runUntil(1, 1, smallRunConfig({ training: { batchSize: 2 } }));
  await h.handle({ type: 'encode-protein' });
  const event = await h.waitFor((e) => e.type === 'tokens');
  if (event.type !== 'tokens') throw new Error('no tokens');
  const { tokens } = event;
  expect(tokens.codes).toHaveLength(tokens.sequence.length);
  expect(tokens.codes.every((c) => Number.isInteger(c) && c >= 0 && c < tokens.codebookSize)).toBe(true);
  if (tokens.plddt) {
    expect(tokens.plddt).toHaveLength(tokens.codes.length);
    expect(tokens.plddt.every((p) => p >= 0 && p <= 1)).toBe(true);
  }
  h.close();
}, 120_000);

test('tokens for an unknown protein are a warning, and the run goes on', async () => {
  const h = await runUntil(1, 1, smallRunConfig({ training: { batchSize: 2 } }));
  await h.handle({ type: 'encode-protein', proteinId: 'NO_SUCH_PROTEIN' });
  const warning = h.events.find((e) => e.type === 'log' && e.message.includes('NO_SUCH_PROTEIN'));
  expect(warning?.type === 'log' && warning.level).toBe('warning');
  expect(h.events.some((e) => e.type === 'fault')).toBe(false);
  expect(states(h).at(-1)).toBe('paused');
  h.close();
}, 120_000);
