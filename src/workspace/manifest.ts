import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { digestStillValid, type FileDigest } from '../io/file-digest.js';
import type { InputFileInfo, RunResult } from '../pipeline/types.js';

/**
 * manifest.json (SPEC §6): what a run read and wrote, with hashes, counts and timings. Run times
 * live only here, so that the reports themselves are byte-for-byte reproducible (SPEC §8).
 */
export interface Manifest {
  tool: { name: string; version: string };
  period: string;
  regime: string;
  /** Absolute path of the workspace. */
  workspace: string;
  config: { file: string; sha256: string };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Milliseconds per stage, in the order given. */
  timings: Record<string, number>;
  inputs: ManifestInput[];
  outputs: ManifestOutput[];
  counts: {
    employees: number;
    complete: number;
    pending: number;
    issues: { error: number; warning: number; info: number };
  };
  host?: string;
  user?: string;
}

export interface ManifestInput {
  file: string;
  kind: InputFileInfo['kind'];
  sha256: string;
  format: InputFileInfo['format'];
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  headerRow: number | null;
  rows: { read: number; accepted: number; rejected: number };
}

export interface ManifestOutput {
  /** Relative to the output folder, forward slashes. */
  file: string;
  sha256: string;
  bytes: number;
}

/**
 * An output: its final path, or a file at `path` (e.g. a batch's temporary file, so that the
 * manifest can be committed together with the reports) recorded under the name `file`, with the
 * digest its writer took as it wrote it when there is one (else, or when the file has changed
 * since, the file is read and hashed here).
 */
export type OutputRef = string | { path: string; file: string; digest?: FileDigest };

export interface ManifestOptions {
  /** Output paths are recorded relative to this folder; default: the folder shared by all outputs. */
  outDir?: string;
  /** Record the host and user name (default true). */
  identity?: boolean;
}

export function buildManifest(
  run: RunResult,
  outputs: OutputRef[],
  timings: Record<string, number>,
  started: Date,
  finished: Date,
  options: ManifestOptions = {},
): Manifest {
  for (const [stage, ms] of Object.entries(timings)) {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`buildManifest: timing "${stage}" is ${ms}, not a duration`);
  }
  const durationMs = finished.getTime() - started.getTime();
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new Error(`buildManifest: the run finished (${finished.toISOString()}) before it started (${started.toISOString()})`);
  }

  const finalPaths = outputs.map((o) => (typeof o === 'string' ? o : null)).filter((p): p is string => p !== null);
  const outDir = options.outDir ?? (finalPaths.length > 0 ? commonDir(finalPaths) : null);
  const files: ManifestOutput[] = outputs.map((o) => {
    const path = typeof o === 'string' ? o : o.path;
    let file: string;
    if (typeof o === 'string') {
      if (outDir === null) throw new Error('buildManifest: outDir is needed to name the outputs');
      file = toSlash(relative(outDir, o));
    } else {
      file = toSlash(o.file);
    }
    const known = typeof o === 'string' ? undefined : o.digest;
    const { sha256, bytes } = known !== undefined && digestStillValid(path, known) ? known : hashFile(path);
    return { file, sha256, bytes };
  });
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const issues = { error: 0, warning: 0, info: 0 };
  for (const i of run.issues) issues[i.severity]++;
  const complete = run.employees.filter((e) => e.status === 'complete').length;

  const manifest: Manifest = {
    tool: { name: run.tool.name, version: run.tool.version },
    period: run.period.id,
    regime: run.regime,
    workspace: run.workspaceDir,
    config: { file: workspaceRelative(run.workspaceDir, run.configFile), sha256: run.configHash },
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs,
    timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
    inputs: run.inputs.map((i) => ({
      file: i.file,
      kind: i.kind,
      sha256: i.sha256,
      format: i.format,
      encoding: i.encoding ?? null,
      delimiter: i.delimiter ?? null,
      sheet: i.sheet ?? null,
      headerRow: i.headerRow ?? null,
      rows: { read: i.read, accepted: i.accepted, rejected: i.rejected },
    })),
    outputs: files,
    counts: { employees: run.employees.length, complete, pending: run.employees.length - complete, issues },
  };
  if (options.identity ?? true) {
    manifest.host = hostname();
    manifest.user = currentUser();
  }
  return manifest;
}

/**
 * Writes the manifest (2-space JSON, final newline) under a temporary name in the same folder,
 * flushed to disk, then renamed: a crash leaves the old manifest or the new one, never half of one.
 */
export function writeManifest(path: string, manifest: Manifest): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(manifest, null, 2) + '\n');
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** SHA-256 and size of a file, read in 1 MiB chunks so that a large report never sits in memory whole. */
export function hashFile(path: string): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  let bytes = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  // A file that changed size while being read would give a hash of neither version.
  const size = statSync(path).size;
  if (size !== bytes) throw new Error(`hashFile: ${path} changed while it was read (${bytes} of ${size} bytes)`);
  return { sha256: hash.digest('hex'), bytes };
}

function commonDir(paths: string[]): string {
  let dir = dirname(paths[0]!);
  for (const p of paths.slice(1)) {
    while (!isInside(dir, p)) {
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return dir;
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The config file relative to the workspace when it is inside it (as users see it); else as given. */
function workspaceRelative(workspace: string, file: string): string {
  return isInside(workspace, file) ? toSlash(relative(workspace, file)) : file;
}

function toSlash(p: string): string {
  return p.split(sep).join('/');
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}
