/**
 * The teaching view's token requests: rank 0 encodes one protein under the current weights and the tokens go to
 * the page. A request that cannot be answered is the teaching view's problem, never the run's: it is reported as a
 * warning and the run goes on.
 */
import { log, stepTimeoutMs, type Coordinator } from './coordinator-context';

export async function relayTokens(c: Coordinator, proteinId: string | undefined): Promise<void> {
  const { group } = c;
  const donor = group?.live[0];
  if (!group || !donor) throw new Error('no run to encode with');
  const answered = await group.gather(
    [donor],
    () => ({ type: 'encode', ...(proteinId ? { proteinId } : {}) }),
    (e) => e.type === 'encoded' || e.type === 'encode-failed',
    stepTimeoutMs(c),
    'encoding a protein',
  );
  const event = answered.get(donor.index);
  if (event?.type === 'encoded') c.platform.post({ type: 'tokens', step: event.step, tokens: event.tokens });
  else if (event?.type === 'encode-failed')
    log(c, 'warning', `tokens for the strip could not be computed: ${event.reason}`);
}
