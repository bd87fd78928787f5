import { createHash, type Hash } from 'node:crypto';
import { statSync } from 'node:fs';

/**
 * The SHA-256 and size of a file, taken from the bytes as they were written, so that the run's
 * manifest need not read every large report back (at N = 1,000,000, ~7 GB: ~4 s of the main
 * thread). `mtimeMs` is the file's modification time right after it was closed: the manifest uses
 * the digest only while the file still has that time and size (else it hashes the file again), so
 * a file changed after its writer closed it never keeps a stale digest.
 */
export interface FileDigest {
  sha256: string;
  bytes: number;
  mtimeMs: number;
}

/** Hashes the bytes a writer hands to its file, in the order written. */
export class WriteDigest {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  /** Called with each buffer as it is given to the file (before the buffer may be reused). */
  update(buf: Uint8Array): void {
    this.hash.update(buf);
    this.bytes += buf.length;
  }

  /** The digest of the closed file at `path`; throws when the file does not hold what was hashed. */
  finish(path: string): FileDigest {
    const st = statSync(path);
    if (st.size !== this.bytes) throw new Error(`appraise: ${path} has ${st.size} bytes, ${this.bytes} were written`);
    return { sha256: this.hash.digest('hex'), bytes: this.bytes, mtimeMs: st.mtimeMs };
  }
}

/** True when the file at `path` still has the size and modification time it had when `digest` was taken. */
export function digestStillValid(path: string, digest: FileDigest): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  return st !== undefined && st.size === digest.bytes && st.mtimeMs === digest.mtimeMs;
}
