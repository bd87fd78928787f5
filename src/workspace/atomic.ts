import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileDigest } from '../io/file-digest.js';
import { processAlive } from './lock.js';

/**
 * Outputs are written under temporary names and renamed into place only when every one of them is
 * complete (SPEC §8): an interrupted run leaves the previous reports as they were.
 */
const active = new Set<OutputBatch>();

const TMP_PREFIX = '.appraise-tmp-';

/** Called on SIGINT/SIGTERM: no partial files are left behind. */
export function abortAllOutputs(): void {
  for (const batch of active) batch.abort();
}

/**
 * A reserved output: its temporary and final paths, and the digest its writer took as it wrote
 * the file, if it did (the manifest hashes the others, and any file changed since, by reading them).
 */
export interface BatchEntry {
  tmp: string;
  final: string;
  digest?: FileDigest;
}

export class OutputBatch {
  private readonly pending: BatchEntry[] = [];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    active.add(this);
  }

  /**
   * A temporary path in the same folder (so the rename is atomic) for the final file `name`. A name
   * reserved again keeps its temporary path (and digest) and moves to this place in the order of
   * the outputs: a file written early (the indicator csv, during compute) is listed where the
   * outputs always list it.
   */
  reserve(name: string): { tmp: string; final: string } {
    const final = join(this.dir, name);
    const at = this.pending.findIndex((e) => e.final === final);
    const entry = at >= 0 ? this.pending.splice(at, 1)[0]! : { tmp: temporaryPathFor(final), final };
    this.pending.push(entry);
    return { tmp: entry.tmp, final };
  }

  /** Records the digest the writer of the reserved temporary file `tmp` took as it wrote it. */
  written(tmp: string, digest: FileDigest): void {
    const entry = this.pending.find((e) => e.tmp === tmp);
    if (entry === undefined) throw new Error(`appraise: ${tmp} is not an output of this batch`);
    entry.digest = digest;
  }

  /** The reservations so far, in order. */
  get entries(): readonly Readonly<BatchEntry>[] {
    return this.pending;
  }

  /**
   * Flushes every file to disk, then renames each into place and flushes the folder; returns the
   * final paths. Without the fsync a power loss right after the rename can leave a renamed but
   * empty file on some file systems (ext4 delalloc), which is exactly the broken report we avoid.
   */
  commit(): string[] {
    for (const { tmp } of this.pending) fsyncPath(tmp, 'r');
    for (const { tmp, final } of this.pending) renameSync(tmp, final);
    fsyncDir(this.dir);
    active.delete(this);
    return this.pending.map((p) => p.final);
  }

  /** Removes the temporary files of a run that failed or was interrupted. */
  abort(): void {
    for (const { tmp } of this.pending) rmSync(tmp, { force: true });
    active.delete(this);
  }
}

/**
 * The temporary name beside `path` that a writer renames into place when it is complete: named so
 * that removeStaleTemporaries recognises it once its process is gone.
 */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `${TMP_PREFIX}${process.pid}-${basename(path)}`);
}

/**
 * Removes temporary files that a killed run (SIGKILL, power loss) left in `dir`: those whose
 * process is gone. Files of a live process are left alone. Returns the names removed.
 */
export function removeStaleTemporaries(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(TMP_PREFIX)) continue;
    const m = /^(\d+)-/.exec(name.slice(TMP_PREFIX.length));
    const pid = m ? Number(m[1]) : NaN;
    if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || processAlive(pid))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function fsyncPath(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    fsyncPath(dir, 'r');
  } catch (e) {
    // Some platforms and file systems cannot fsync a directory; the renames are done regardless.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw e;
  }
}
