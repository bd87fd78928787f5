import { writeFileSync } from 'node:fs';

/**
 * Preloaded with `node --import <url of this file>` by the benchmark: when the process exits, its
 * peak resident set size (`process.resourceUsage().maxRSS`, KiB) goes to the file named in
 * APPRAISE_RSS_FILE. Node offers no rusage of a child process, so the child reports its own.
 */
const file = process.env.APPRAISE_RSS_FILE;
if (file) {
  // Not inherited by any process the CLI might start: only this process writes the file.
  delete process.env.APPRAISE_RSS_FILE;
  process.on('exit', () => {
    try {
      writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // The benchmark reports a missing measurement; an exit handler must not throw.
    }
  });
}
