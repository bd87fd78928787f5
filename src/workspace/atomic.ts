import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Outputs are written under temporary names and renamed into place only when every one of them is
 * complete (SPEC §8): an interrupted run leaves the previous reports as they were.
 */
const active = new Set<OutputBatch>();

/** Called on SIGINT/SIGTERM: no partial files are left behind. */
export function abortAllOutputs(): void {
  for (const batch of active) batch.abort();
}

export class OutputBatch {
  private readonly pending: { tmp: string; final: string }[] = [];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    active.add(this);
  }

  /** A temporary path in the same folder (so the rename is atomic) for the final file `name`. */
  reserve(name: string): { tmp: string; final: string } {
    const final = join(this.dir, name);
    const tmp = join(dirname(final), `.appraise-tmp-${process.pid}-${basename(final)}`);
    const entry = { tmp, final };
    this.pending.push(entry);
    return entry;
  }

  /** Renames every file into place; returns the final paths. */
  commit(): string[] {
    for (const { tmp, final } of this.pending) renameSync(tmp, final);
    active.delete(this);
    return this.pending.map((p) => p.final);
  }

  /** Removes the temporary files of a run that failed or was interrupted. */
  abort(): void {
    for (const { tmp } of this.pending) rmSync(tmp, { force: true });
    active.delete(this);
  }
}
