#!/usr/bin/env -S node --max-semi-space-size=64
// Thin launcher: the CLI is compiled from src/ into dist/ by `npm run build`.
//
// Node options (measured at 100,000 employees, `npm run bench`):
// --max-semi-space-size=64 (MiB, V8's default 16): a run builds hundreds of thousands of results
//   that outlive many young-generation collections; a larger young generation copies them fewer
//   times. Run CPU 33.2 → 29.6 s user (scavenges 8.1 → 5.3 s).
// How fast the heap grows is decided per run, from the roster's size and the heap limit
//   (src/pipeline/memory.ts, applyHeapGrowthFor): V8's own factor when there is ample room,
//   growth by half of what is live for the largest rosters.
// The #! options apply when the launcher is executed (`appraise`, `./bin/appraise.js`), not under
// `node bin/appraise.js`; `npm run bench` starts the run with the options of this line. The heap
// growth applies either way.
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
