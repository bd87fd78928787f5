import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Real processes racing for one stale lock. The children cannot import .ts files (no tsx, and
 * dist/ may not be built), so the lock module and its one runtime import are transpiled into a
 * scratch folder with the TypeScript compiler the project already depends on.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let scratch: string;
let lockDir: string;

function transpile(rel: string): void {
  const source = readFileSync(join(root, 'src', rel), 'utf8');
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  }).outputText;
  const target = join(scratch, 'src', rel.replace(/\.ts$/, '.js'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, out);
}

const CHILD = `
import { acquireLock, LockHeldError } from './src/workspace/lock.js';
const [dir, goAt] = process.argv.slice(2);
while (Date.now() < Number(goAt)) {} // start together
// Random pauses between judging the lock stale and acting on it widen the race windows, so that
// a takeover that is not race-safe fails here rather than once a year on a server.
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.random() * 40);
try {
  const lock = acquireLock({ dir, period: '2025-Q1', command: 'child ' + process.pid, hooks: { beforeClaim: pause, afterClaim: pause } });
  process.stdout.write(JSON.stringify({ pid: process.pid, won: true, tookOverFrom: lock.tookOverFrom }));
  setTimeout(() => lock.release(), 1500); // hold while the others try
} catch (e) {
  if (!(e instanceof LockHeldError)) throw e;
  process.stdout.write(JSON.stringify({ pid: process.pid, won: false, holder: e.holder, exitCode: e.exitCode }));
}
`;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'appraise-lockrace-'));
  writeFileSync(join(scratch, 'package.json'), '{"type":"module"}\n');
  transpile('workspace/lock.ts');
  transpile('domain/errors.ts');
  writeFileSync(join(scratch, 'child.mjs'), CHILD);
  // Fail early if the lock module grew a runtime import the scratch copy lacks.
  const imports = [...readFileSync(join(scratch, 'src/workspace/lock.js'), 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => m[1]);
  expect(imports).toEqual(['../domain/errors.js']);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ChildResult { pid: number; won: boolean; tookOverFrom?: { pid: number } | null; holder?: { pid: number; command: string }; exitCode?: number }

function runChild(goAt: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [join(scratch, 'child.mjs'), lockDir, String(goAt)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`child exit ${code}: ${err}`))));
  });
}

async function deadPid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => c.once('exit', r));
  return c.pid!;
}

describe('processes racing for a stale lock', () => {
  it('exactly one of four wins; the others exit with LockHeldError naming another racer', async () => {
    for (let round = 0; round < 3; round++) {
      lockDir = join(scratch, `ws-${round}`);
      mkdirSync(lockDir);
      const stale = await deadPid();
      writeFileSync(join(lockDir, '.appraise-2025-Q1.lock'), JSON.stringify({
        pid: stale, host: hostname(), user: 'cron', command: 'appraise run --period 2025-Q1 (crashed)', startedAt: '2025-04-01T00:00:00.000Z', period: '2025-Q1',
      }));
      const goAt = Date.now() + 800; // after node start-up; a late child still races the others
      const results = await Promise.all([0, 1, 2, 3].map(() => runChild(goAt)));
      const winners = results.filter((r) => r.won);
      expect(winners).toHaveLength(1);
      const pids = results.map((r) => r.pid);
      for (const loser of results.filter((r) => !r.won)) {
        expect(loser.exitCode).toBe(4);
        expect(pids).toContain(loser.holder!.pid);
        expect(loser.holder!.pid).not.toBe(loser.pid);
        expect(loser.holder!.pid).not.toBe(stale);
      }
      // The winner released on exit; no lock or claim file is left.
      expect(readdirSync(lockDir)).toEqual([]);
    }
  });
});
