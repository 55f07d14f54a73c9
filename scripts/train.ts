/**
 * `npm run train -- --config run.yaml [--dataset x.h5] [--max-steps N] [--workers N] [--backend auto|webgpu|wasm]
 * [--out runs/NAME] [--resume]`: trains headless in Chromium exactly as the studio page does and writes the run
 * folder (metrics.jsonl, metrics.csv, config.yaml, events.jsonl, TensorBoard events, checkpoints). `--help` lists
 * every option; scripts/train/ holds the parts.
 */
import { main } from './train/main';

// Exit at once: nothing the command started may keep the process alive after it has reported.
process.exit(await main(process.argv.slice(2)));
