#!/usr/bin/env -S node --max-semi-space-size=64 --heap-growing-percent=50
// Thin launcher: the CLI is compiled from src/ into dist/ by `npm run build`.
//
// Node options (measured at 100,000 employees, `npm run bench`):
// --max-semi-space-size=64 (MiB, V8's default 16): a run builds hundreds of thousands of results
//   that outlive many young-generation collections; a larger young generation copies them fewer
//   times. Run CPU 33.2 → 29.6 s user (scavenges 8.1 → 5.3 s).
// --heap-growing-percent=50: after each full collection the heap may grow by half of what is live
//   before the next one, instead of V8's own factor, which let the output stage's garbage pile up
//   to 1.8–2.0 GB of RSS over ~0.7 GB live. Peak RSS 1.8–2.0 → 1.3–1.4 GB for ~+3 s CPU, and a
//   shared server gets a footprint that follows the data.
// They apply when the launcher is executed (`appraise`, `./bin/appraise.js`), not under
// `node bin/appraise.js`; `npm run bench` starts the run with the options of this line.
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
