/**
 * Page ⇄ coordinator worker contract. The page starts a run with a resolved RunConfig and a dataset, then steers
 * it (`coordinator-commands.ts`); the coordinator drives the trainer workers and streams merged metric points
 * (batched, at most a few messages per second) and state changes (`coordinator-events.ts`). The page's client also
 * hands the coordinator its ports to the trainers (`attach-trainers`) and reports trainer workers that died
 * (`trainer-failed`).
 */
export * from './coordinator-commands';
export * from './coordinator-events';
export * from './protein-tokens';
