import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Each test file's temporary folders go under one folder of its own (TMPDIR, which os.tmpdir()
 * and the processes the tests start read), removed when the file ends: the helpers that make
 * workspaces need not each clean up, and a test run leaves nothing in /tmp (runs used to leave
 * hundreds of workspaces there).
 */
const previous = process.env.TMPDIR;
const root = mkdtempSync(join(tmpdir(), 'appraise-vitest-'));
process.env.TMPDIR = root;

afterAll(() => {
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  rmSync(root, { recursive: true, force: true });
});
