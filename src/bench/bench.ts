import { spawn } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { parse } from 'csv-parse';
import { BENCH_PERIOD, GENERATOR_VERSION, estimateBytes, generateWorkspace, type GenerateResult } from './generate.js';

/**
 * `npm run bench -- --employees N` (SPEC §9): generate a synthetic workspace, measure the floor
 * (csv-parse alone reading the inputs), run `appraise run` on it as a child process, and print the
 * run/floor ratio and the run's peak RSS against the budget, in one table.
 */

export interface BenchArgs {
  employees: number;
  seed: number;
  dir: string | null;
  keep: boolean;
  skipX20: boolean;
  help: boolean;
}

export const USAGE = `Usage: node dist/bench/bench.js [--employees N] [--seed S] [--dir DIR] [--keep] [--skip-x20]
  (npm run bench -- --employees 100000)

  --employees N  employees to generate (default 100000; at least 60)
  --seed S       generator seed (default 1)
  --dir DIR      generate into DIR (reused when it holds a workspace of the same N and seed);
                 the 20x-survey workspace goes to DIR-x20. Kept afterwards.
  --keep         keep the temporary workspaces (default: deleted after the run)
  --skip-x20     skip the second run on 20x the survey rows`;

/** Parses the command line; throws an Error with a usage message on anything invalid. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      employees: { type: 'string' },
      seed: { type: 'string' },
      dir: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'skip-x20': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const integer = (name: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback;
    const s = raw.replace(/_/g, '');
    if (!/^\d+$/.test(s) || Number(s) < min || !Number.isSafeInteger(Number(s))) {
      throw new Error(`--${name} must be a whole number of at least ${min}; got '${raw}'`);
    }
    return Number(s);
  };
  return {
    employees: integer('employees', values.employees, 100_000, 60),
    seed: integer('seed', values.seed, 1, 0),
    dir: values.dir ?? null,
    keep: values.keep ?? false,
    skipX20: values['skip-x20'] ?? false,
    help: values.help ?? false,
  };
}

// ---------------------------------------------------------------------------------------------
// Workspace generation with a stamp, so a repeated benchmark does not regenerate gigabytes.

export const STAMP_FILE = '.bench-stamp.json';

interface Stamp {
  generator: number;
  employees: number;
  seed: number;
  surveyMultiplier: number;
  rows: Record<string, number>;
  /** Workspace-relative path → size in bytes: a stamp is trusted only while the files are unchanged in size. */
  sizes: Record<string, number>;
}

const relPath = (dir: string, file: string): string => relative(dir, file).split(sep).join('/');

/** Generates the workspace unless `dir` already holds one stamped with the same parameters. */
export async function prepareWorkspace(
  dir: string,
  opts: { employees: number; seed: number; surveyMultiplier: number },
): Promise<GenerateResult & { reused: boolean; seconds: number }> {
  const stampPath = join(dir, STAMP_FILE);
  const started = performance.now();
  if (existsSync(stampPath)) {
    try {
      const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as Stamp;
      const same = stamp.generator === GENERATOR_VERSION && stamp.employees === opts.employees && stamp.seed === opts.seed
        && stamp.surveyMultiplier === opts.surveyMultiplier;
      const intact = same && Object.entries(stamp.sizes).every(([rel, size]) => {
        const p = join(dir, rel);
        return existsSync(p) && statSync(p).size === size;
      });
      if (intact) {
        return { files: Object.keys(stamp.sizes).map((rel) => join(dir, rel)), rows: stamp.rows, reused: true, seconds: 0 };
      }
    } catch {
      // An unreadable stamp is no stamp: regenerate.
    }
  }
  // Removed first: a generation cut short must not leave a stamp that vouches for half-written files.
  await rm(stampPath, { force: true });
  await mkdir(dir, { recursive: true });
  const needed = estimateBytes(opts.employees, opts.surveyMultiplier);
  const fs = await statfs(dir);
  const free = fs.bavail * fs.bsize;
  if (needed > free) {
    throw new Error(`not enough disk space in ${dirname(dir)}: the workspace needs about ${(needed / 1024 ** 3).toFixed(1)} GiB, `
      + `${(free / 1024 ** 3).toFixed(1)} GiB free (use --dir elsewhere, fewer --employees, or --skip-x20)`);
  }
  const result = await generateWorkspace(dir, opts);
  const sizes = Object.fromEntries(result.files.map((f) => [relPath(dir, f), statSync(f).size]));
  const stamp: Stamp = { generator: GENERATOR_VERSION, ...opts, rows: result.rows, sizes };
  await writeFile(stampPath, JSON.stringify(stamp, null, 2) + '\n');
  return { ...result, reused: false, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// The floor: csv-parse alone, to arrays, no columns, no cast (ARCHITECTURE: the fastest setting).

export interface FloorResult {
  seconds: number;
  /** Records per file including the header row, keyed like the generator's rows. */
  records: Record<string, number>;
}

export async function measureFloor(dir: string, files: string[]): Promise<FloorResult> {
  const records: Record<string, number> = {};
  const started = performance.now();
  for (const file of files.filter((f) => f.endsWith('.csv'))) {
    let count = 0;
    const parser = parse();
    parser.on('data', () => {
      count++;
    });
    await pipeline(createReadStream(file), parser);
    records[relPath(dir, file)] = count;
  }
  return { seconds: (performance.now() - started) / 1000, records };
}

// ---------------------------------------------------------------------------------------------
// The run, as a child process with the RSS hook preloaded.

export interface RunMeasure {
  exitCode: number | null;
  signal: string | null;
  seconds: number;
  /** Peak RSS in MiB, from the hook; null when the child died before its exit handler ran. */
  peakRssMb: number | null;
  outDir: string;
  stderrTail: string;
}

const BIN = fileURLToPath(new URL('../../bin/appraise.js', import.meta.url));
const HOOK = new URL('./rss-hook.js', import.meta.url).href;
const TAIL_CHARS = 8192;

/**
 * The node options on a launcher's `#!/usr/bin/env -S node …` line: the run is measured as the
 * launcher starts it when executed (the shebang), with this process's node binary.
 */
export function launcherNodeOptions(binPath: string): string[] {
  const firstLine = readFileSync(binPath, 'utf8').split(/\r?\n/, 1)[0] ?? '';
  const m = /^#!\s*\S*env\s+(?:-S\s+)?node((?:\s+-[^\s]+)*)\s*$/.exec(firstLine) ?? /^#!\s*\S*\/node((?:\s+-[^\s]+)*)\s*$/.exec(firstLine);
  return m ? m[1]!.trim().split(/\s+/).filter((o) => o !== '') : [];
}

export async function runAppraise(dir: string, opts: { bin?: string; hookUrl?: string } = {}): Promise<RunMeasure> {
  const outDir = join(dir, 'laporan-bench');
  const rssFile = join(dir, '.bench-rss');
  await rm(outDir, { recursive: true, force: true });
  await rm(rssFile, { force: true });
  const bin = opts.bin ?? BIN;
  const args = [...launcherNodeOptions(bin), '--import', opts.hookUrl ?? HOOK, bin, 'run', '--period', BENCH_PERIOD, '--quiet', '--no-input', '-w', dir, '--out', outDir];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, APPRAISE_RSS_FILE: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolveExit, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolveExit([code, sig]));
  });
  const seconds = (performance.now() - started) / 1000;
  let peakRssMb: number | null = null;
  if (existsSync(rssFile)) {
    const kib = Number((await readFile(rssFile, 'utf8')).trim());
    if (Number.isFinite(kib) && kib > 0) peakRssMb = kib / 1024;
  }
  return { exitCode, signal, seconds, peakRssMb, outDir, stderrTail: tail };
}

/**
 * The `issues` array of a hasil JSON written by the app (2-space indent: the key opens with
 * `\n  "issues": [` and the array closes with `\n  ]`), found by scanning the file in chunks.
 */
export function issuesOfLargeResults(path: string): Array<Record<string, unknown>> {
  const open = Buffer.from('\n  "issues": [');
  const close = Buffer.from('\n  ]');
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(16 * 1024 * 1024);
    let carry = Buffer.alloc(0);
    let body: Buffer[] | null = null;
    for (let pos = 0; ; ) {
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      if (n === 0) return [];
      pos += n;
      const buf = Buffer.concat([carry, chunk.subarray(0, n)]);
      if (body === null) {
        const at = buf.indexOf(open);
        if (at < 0) {
          carry = buf.subarray(Math.max(0, buf.length - open.length));
          continue;
        }
        body = [];
        carry = buf.subarray(at + open.length - 1); // from the '['
        if (carry[1] === 0x5d) return []; // "issues": []
      } else carry = buf;
      const end = carry.indexOf(close);
      if (end >= 0) return JSON.parse(Buffer.concat([...body, carry.subarray(0, end), Buffer.from(']')]).toString('utf8')) as Array<Record<string, unknown>>;
      body.push(Buffer.from(carry.subarray(0, carry.length - close.length)));
      carry = Buffer.from(carry.subarray(carry.length - close.length));
    }
  } finally {
    closeSync(fd);
  }
}

/** The first data errors of the run's hasil JSON: generated data should have none. */
export function firstErrors(outDir: string, limit = 10): { total: number; lines: string[] } {
  const path = join(outDir, `hasil-${BENCH_PERIOD}.json`);
  if (!existsSync(path)) return { total: 0, lines: [] };
  // A large run's file is past the longest string V8 can make (512 MB): read its issues alone.
  const issues = statSync(path).size < 256 * 1024 * 1024
    ? ((JSON.parse(readFileSync(path, 'utf8')) as { issues?: Array<Record<string, unknown>> }).issues ?? [])
    : issuesOfLargeResults(path);
  const errors = issues.filter((i) => i.severity === 'error');
  const lines = errors.slice(0, limit).map((i) => {
    const place = [i.file, i.sheet, i.row, i.column].filter((x) => x !== undefined && x !== null && x !== '').join(':');
    return `${place} ${String(i.code)}: ${String(i.message)}`;
  });
  return { total: errors.length, lines };
}

// ---------------------------------------------------------------------------------------------
// Budget (SPEC §9)

export interface Budget {
  ratioMax: number | null;
  rssMaxMb: number | null;
  text: string;
}

export function budgetFor(employees: number): Budget | null {
  if (employees === 100_000) return { ratioMax: 3, rssMaxMb: 1536, text: 'ratio <= 3, RSS <= 1536 MB' };
  if (employees === 1_000_000) return { ratioMax: null, rssMaxMb: 4096, text: 'finishes, RSS <= 4096 MB' };
  return null;
}

export type Verdict = { result: 'pass' | 'fail' | 'informational'; reasons: string[] };

export function judge(employees: number, m: { exitCode: number | null; ratio: number | null; peakRssMb: number | null }): Verdict {
  const reasons: string[] = [];
  if (m.exitCode !== 0 && m.exitCode !== 3) reasons.push(`run exited with ${m.exitCode ?? 'a signal'}`);
  const budget = budgetFor(employees);
  if (budget?.ratioMax != null) {
    if (m.ratio === null) reasons.push('no ratio measured');
    else if (m.ratio > budget.ratioMax) reasons.push(`ratio ${m.ratio.toFixed(2)} > ${budget.ratioMax}`);
  }
  if (budget?.rssMaxMb != null) {
    if (m.peakRssMb === null) reasons.push('no peak RSS measured');
    else if (m.peakRssMb > budget.rssMaxMb) reasons.push(`RSS ${m.peakRssMb.toFixed(0)} MB > ${budget.rssMaxMb} MB`);
  }
  if (reasons.length) return { result: 'fail', reasons };
  return { result: budget ? 'pass' : 'informational', reasons };
}

// ---------------------------------------------------------------------------------------------
// Report

export interface Column {
  label: string;
  rows: Record<string, number>;
  floorSeconds: number | null;
  run: RunMeasure;
  verdict: Verdict;
}

const fmt = (x: number | null, digits: number): string => (x === null ? '-' : x.toFixed(digits));

export function renderTable(employees: number, columns: Column[], plain: boolean): string {
  const table = new Table({
    head: ['', ...columns.map((c) => c.label)],
    style: plain ? { head: [], border: [] } : {},
    ...(plain
      ? {
          chars: {
            top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+', bottom: '-', 'bottom-mid': '+', 'bottom-left': '+',
            'bottom-right': '+', left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|',
          },
        }
      : {}),
  });
  const budget = budgetFor(employees);
  const cell = (f: (c: Column) => string) => columns.map(f);
  const rowsText = (c: Column) => Object.entries(c.rows).map(([rel, n]) => `${rel.replace(/^data\//, '')}: ${n.toLocaleString('en-US')}`).join('\n');
  const ratio = (c: Column) => (c.floorSeconds ? c.run.seconds / c.floorSeconds : null);
  table.push(
    { employees: cell(() => employees.toLocaleString('en-US')) },
    { 'input rows per file': cell(rowsText) },
    { 'floor seconds (csv-parse)': cell((c) => fmt(c.floorSeconds, 2)) },
    { 'run seconds': cell((c) => fmt(c.run.seconds, 2)) },
    { 'ratio run/floor': cell((c) => fmt(ratio(c), 2)) },
    { 'peak RSS MB': cell((c) => fmt(c.run.peakRssMb, 0)) },
    { 'run exit code': cell((c) => (c.run.exitCode === null ? `signal ${c.run.signal}` : String(c.run.exitCode))) },
    { budget: cell((c) => (c !== columns[0] ? 'informational' : budget ? budget.text : 'informational (budgets: N = 100,000 and 1,000,000)')) },
    { 'pass/fail': cell((c) => c.verdict.result + (c.verdict.reasons.length ? `\n${c.verdict.reasons.join('\n')}` : '')) },
  );
  return table.toString();
}

export function machineLine(): string {
  const gib = os.totalmem() / 1024 ** 3;
  return `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${gib.toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}`;
}

// ---------------------------------------------------------------------------------------------

export async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!existsSync(BIN)) {
    process.stderr.write(`bench: ${BIN} not found; run from the package (npm run bench).\n`);
    return 2;
  }
  const say = (s: string) => process.stderr.write(`bench: ${s}\n`);
  const temp = args.dir === null ? await mkdtemp(join(os.tmpdir(), 'appraise-bench-')) : null;
  const normalDir = args.dir !== null ? resolve(args.dir) : join(temp!, 'workspace');
  const x20Dir = `${normalDir}-x20`;

  try {
    const columns: Column[] = [];
    const measure = async (label: string, dir: string, multiplier: number, withFloor: boolean): Promise<Column> => {
      say(`${label}: generating ${args.employees.toLocaleString('en-US')} employees (seed ${args.seed}, survey x${multiplier}) in ${dir}`);
      const ws = await prepareWorkspace(dir, { employees: args.employees, seed: args.seed, surveyMultiplier: multiplier });
      say(ws.reused ? `${label}: reusing the stamped workspace` : `${label}: generated in ${ws.seconds.toFixed(1)} s`);
      let floorSeconds: number | null = null;
      if (withFloor) {
        say(`${label}: measuring the floor (csv-parse alone)`);
        const floor = await measureFloor(dir, ws.files);
        floorSeconds = floor.seconds;
        // The floor's record counts double-check the generator's quoting: header + data rows.
        for (const [rel, n] of Object.entries(ws.rows)) {
          if (floor.records[rel] !== undefined && floor.records[rel] !== n + 1) {
            say(`warning: ${rel}: csv-parse read ${floor.records[rel]} records, expected ${n + 1} (header + ${n} rows)`);
          }
        }
      }
      say(`${label}: appraise run --period ${BENCH_PERIOD}`);
      const run = await runAppraise(dir);
      const ratio = floorSeconds ? run.seconds / floorSeconds : null;
      const verdict = withFloor
        ? judge(args.employees, { exitCode: run.exitCode, ratio, peakRssMb: run.peakRssMb })
        : judge(-1, { exitCode: run.exitCode, ratio: null, peakRssMb: run.peakRssMb }); // no budget: informational unless the run failed
      if (run.exitCode !== 0 && run.exitCode !== 3) {
        say(`${label}: the run failed (exit ${run.exitCode ?? run.signal}); its last output:\n${run.stderrTail}`);
      }
      const errors = firstErrors(run.outDir);
      if (errors.total > 0) {
        say(`${label}: ${errors.total} data error(s) in generated data (a generator bug); the first:\n  ${errors.lines.join('\n  ')}`);
      }
      return { label, rows: ws.rows, floorSeconds, run, verdict };
    };

    columns.push(await measure('normal', normalDir, 1, true));
    if (!args.skipX20) columns.push(await measure('x20 survey rows', x20Dir, 20, false));

    const plain = !process.stdout.isTTY || Boolean(process.env.NO_COLOR) || process.env.TERM === 'dumb';
    process.stdout.write(`${machineLine()}\n${renderTable(args.employees, columns, plain)}\n`);
    if (columns[1]?.run.peakRssMb != null && columns[0]!.run.peakRssMb != null) {
      process.stdout.write(`x20 survey rows: peak RSS ${(columns[1].run.peakRssMb / columns[0]!.run.peakRssMb).toFixed(2)}x the normal run's\n`);
    }
    if (args.dir !== null || args.keep) process.stdout.write(`workspaces: ${normalDir}${args.skipX20 ? '' : `, ${x20Dir}`}\n`);
    return columns.some((c) => c.verdict.result === 'fail') ? 1 : 0;
  } catch (e) {
    // Expected failures (disk space, an unwritable --dir) read better without a stack.
    say(`error: ${(e as Error).message ?? String(e)}`);
    return 1;
  } finally {
    if (temp !== null && !args.keep) await rm(temp, { recursive: true, force: true });
  }
}

// Run only as the entry point, so that tests can import the pieces.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`bench: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
