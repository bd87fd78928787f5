import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import type { Config } from '../config/schema.js';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang } from '../domain/i18n.js';
import type { Period } from '../domain/period.js';
import type { RunResult } from '../pipeline/types.js';
import { OutputBatch, removeStaleTemporaries } from './atomic.js';
import { acquireLock, type AcquiredLock, type LockHolder } from './lock.js';
import { buildManifest, type Manifest } from './manifest.js';
import { openRunLog, type RunLog } from './runlog.js';

/**
 * One writing run of a period (SPEC §8), shared by every command that writes into the output
 * folder (run, feedback, training, import):
 *
 *   await withRunSession({ ctx, workspace, config, period, outDir }, async (s) => {
 *     const run = await s.stage('compute', label, () => computeRun(...));
 *     const out = s.reserve('laporan-ikm-2025-Q1.xlsx');
 *     await s.stage('workbook', label, () => writeSomething(out.tmp));
 *     return s.commit(run);          // manifest.json last, then every file renamed into place
 *   });
 *
 * It takes the lock of the workspace and period (exit 4 naming the holder; a dead holder's lock is
 * taken over with a warning), appends to the period's log in the output folder, removes temporary
 * files that killed runs left behind, times each stage, and on any error or a missing commit
 * removes its temporary files, so the previous reports stay as they were. The lock is released
 * on every path; main's SIGINT/SIGTERM handler aborts the batch and releases the lock too.
 */

/** The part of the CLI Context a session needs; Context satisfies it. */
export interface SessionContext {
  lang: Lang;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly io: { stderr: Writable; env: NodeJS.ProcessEnv };
  progress(text: string): void;
  endProgress(): void;
  debug(text: string): void;
}

export interface RunSessionOptions {
  ctx: SessionContext;
  workspace: string;
  config: Config;
  period: Period;
  /** Where the outputs, manifest.json and the log go (laporan/<period>, or -o DIR). */
  outDir: string;
  /**
   * The lock's folder; default `<workspace>/<config.paths.output>`. Not the -o folder, so that a
   * run writing elsewhere still excludes a second run of the same period.
   */
  lockDir?: string;
  /**
   * File name of the manifest (default manifest.json). A command that writes only part of the
   * period's outputs (feedback, training) may pass e.g. `manifest-feedback.json` so that it does
   * not replace the manifest of the last full run.
   */
  manifestName?: string;
  /** The command line, for the lock holder and the log; default the process arguments. */
  command?: string;
  now?: () => Date;
}

export interface ManifestExtras {
  /** True when the outputs carry pseudonyms instead of NIPs and names (run --anonymize). */
  anonymized?: boolean;
}

export interface RunSession {
  readonly outDir: string;
  readonly log: RunLog;
  readonly lock: AcquiredLock;
  readonly started: Date;
  /** Milliseconds per stage, in the order run. */
  readonly timings: Record<string, number>;
  /** Runs one stage: progress line, log line, timing (shown under --verbose). */
  stage<T>(name: string, label: string, fn: () => T | Promise<T>): Promise<T>;
  /**
   * Runs independent stages at the same time under one progress line: each is timed from the start
   * to its own end (so the times overlap). Waits for all of them, then throws the first failure:
   * no stage is still writing once this returns or throws.
   */
  stagesTogether(label: string, stages: Record<string, () => Promise<unknown>>): Promise<void>;
  /** The batch itself, for writers that reserve their own files (writeTrainingOutputs). */
  readonly batch: OutputBatch;
  /** A temporary path for the output `name` (in outDir), renamed into place by commit(). */
  reserve(name: string): { tmp: string; final: string };
  /** A warning on stderr (unless --quiet) and in the log. */
  warn(text: string): void;
  /**
   * Writes manifest.json (the run's inputs and the reserved outputs, with hashes and timings) as
   * the last file of the batch, then flushes and renames every file into place. Returns the final
   * paths, the manifest last.
   */
  commit(run: RunResult, extras?: ManifestExtras): Promise<string[]>;
}

export const MANIFEST_FILE = 'manifest.json';
/** Test hook: pause this many milliseconds right before the renames (kill/interrupt tests). */
export const PAUSE_ENV = 'APPRAISE_TEST_PAUSE_BEFORE_COMMIT';

const activeSessions = new Set<{ log: RunLog }>();

/** main's SIGINT/SIGTERM handler: note the interruption in every open run log. */
export function interruptAllSessions(signal: string): void {
  for (const s of [...activeSessions]) {
    s.log.line('error', `interrupted by ${signal}: temporary files removed, previous reports kept`);
    s.log.close(`exit ${EXIT.interrupted}`);
    activeSessions.delete(s);
  }
}

export async function withRunSession<T>(opts: RunSessionOptions, fn: (session: RunSession) => Promise<T>): Promise<T> {
  const { ctx, period, outDir } = opts;
  const now = opts.now ?? (() => new Date());
  const L = (id: string, en: string): string => (ctx.lang === 'id' ? id : en);
  const command = opts.command ?? ['appraise', ...process.argv.slice(2)].join(' ');
  const started = now();
  const log = openRunLog(outDir, period.id, { command, now });
  const entry = { log };
  activeSessions.add(entry);
  const say = (text: string): void => {
    if (!ctx.quiet) {
      ctx.endProgress();
      ctx.io.stderr.write(`appraise: ${text}\n`);
    }
  };

  let lock: AcquiredLock;
  try {
    lock = acquireLock({
      dir: opts.lockDir ?? join(opts.workspace, opts.config.paths.output),
      period: period.id,
      command,
      lang: ctx.lang,
    });
  } catch (e) {
    finishLog(log, e);
    activeSessions.delete(entry);
    throw e;
  }

  const timings: Record<string, number> = {};
  let batch: OutputBatch | null = null;
  let committed = false;
  try {
    if (lock.tookOverFrom) {
      const h = lock.tookOverFrom;
      const text = L(
        `kunci periode ${period.id} dari proses yang sudah berhenti diambil alih (${describe(h)}). Laporan sebelumnya tidak tersentuh.`,
        `took over the lock of period ${period.id} from a run that is gone (${describe(h)}). The previous reports are untouched.`,
      );
      say(L('peringatan: ', 'warning: ') + text);
      log.line('warn', text);
    }
    const removed = removeStaleTemporaries(outDir);
    if (removed.length > 0) {
      log.line('warn', `removed temporary files of a killed run: ${removed.join(', ')}`);
      ctx.debug(L(`berkas sementara sisa proses yang terhenti dihapus: ${removed.join(', ')}`, `removed temporary files left by a killed run: ${removed.join(', ')}`));
    }
    batch = new OutputBatch(outDir);
    const b = batch;
    const timed = async <S>(name: string, run: () => S | Promise<S>): Promise<S> => {
      const t0 = performance.now();
      const result = await run();
      const ms = performance.now() - t0;
      timings[name] = (timings[name] ?? 0) + ms;
      log.line('debug', `stage ${name}: ${Math.round(ms)} ms`);
      if (ctx.verbose) {
        ctx.endProgress();
        ctx.debug(`  ${name}: ${Math.round(ms)} ms`);
      }
      return result;
    };

    const session: RunSession = {
      outDir,
      log,
      lock,
      started,
      timings,
      batch: b,
      async stage<S>(name: string, label: string, run: () => S | Promise<S>): Promise<S> {
        ctx.progress(label);
        log.line('info', label);
        return timed(name, run);
      },
      async stagesTogether(label, stages) {
        ctx.progress(label);
        log.line('info', label);
        // The timings in the order given, whichever ends first (the manifest is deterministic).
        for (const name of Object.keys(stages)) timings[name] ??= 0;
        // Each starts before any is awaited; allSettled, so that none is left writing after a failure.
        const settled = await Promise.allSettled(Object.entries(stages).map(([name, run]) => timed(name, run)));
        const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failure) throw failure.reason;
      },
      reserve: (name) => b.reserve(name),
      warn(text) {
        say(L('peringatan: ', 'warning: ') + text);
        log.line('warn', text);
      },
      async commit(run, extras = {}) {
        if (committed) throw new Error('withRunSession: commit() called twice');
        const outputs = b.entries.map((e) => ({ path: e.tmp, file: e.final.slice(outDir.length + 1), ...(e.digest ? { digest: e.digest } : {}) }));
        const manifestEntry = b.reserve(opts.manifestName ?? MANIFEST_FILE);
        const t0 = performance.now();
        const manifest: Manifest & { command: string; anonymized: boolean } = {
          ...buildManifest(run, outputs, timings, started, now(), { outDir }),
          command,
          anonymized: Boolean(extras.anonymized),
        };
        writeFileSync(manifestEntry.tmp, JSON.stringify(manifest, null, 2) + '\n');
        timings.manifest = performance.now() - t0;
        await testPause(ctx);
        const written = b.commit();
        committed = true;
        for (const f of written) log.line('info', `wrote ${f}`);
        return written;
      },
    };
    const result = await fn(session);
    if (!committed) {
      b.abort();
      log.line('info', 'nothing committed: temporary files removed');
    }
    finishLog(log, null, timings);
    return result;
  } catch (e) {
    batch?.abort();
    finishLog(log, e, timings);
    throw e;
  } finally {
    activeSessions.delete(entry);
    lock.release();
  }
}

function describe(h: LockHolder): string {
  return `pid ${h.pid}, ${h.user}@${h.host}, "${h.command}", ${h.startedAt}`;
}

function finishLog(log: RunLog, error: unknown, timings?: Record<string, number>): void {
  if (error === null) {
    const t = timings ? Object.entries(timings).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ') : '';
    log.close(`exit 0${t ? ` (${t})` : ''}`);
    return;
  }
  if (error instanceof AppError) {
    log.line(error.exitCode === EXIT.locked ? 'warn' : 'error', [error.message, ...error.details, ...(error.hint ? [`→ ${error.hint}`] : [])].join('\n'));
    log.close(`exit ${error.exitCode}`);
    return;
  }
  const err = error as Error;
  log.line('error', err?.stack ?? String(error));
  log.close(`exit ${EXIT.unexpected}`);
}

async function testPause(ctx: SessionContext): Promise<void> {
  const raw = ctx.io.env[PAUSE_ENV];
  if (raw === undefined || raw === '') return;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) return;
  ctx.io.stderr.write(`appraise-test: paused before commit\n`);
  await new Promise((r) => setTimeout(r, ms));
}

