import { randomBytes, createHash } from 'node:crypto';
import {
  closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, unlinkSync, writeSync,
} from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang, Text } from '../domain/i18n.js';

/**
 * One run per workspace and period (SPEC §8). The lock is a file `<dir>/.appraise-<period>.lock`
 * created with O_EXCL and holding the holder as JSON. A second run fails with exit 4 naming the
 * holder; a lock whose process is gone is taken over and reported in `tookOverFrom`.
 *
 * Liveness of a holder:
 * - Same host: `process.kill(pid, 0)` (ESRCH → gone, EPERM → alive). On Linux the holder also
 *   records its process start time from /proc, so a pid reused by another process after a crash
 *   or a reboot is recognised as gone, and a zombie counts as gone.
 * - Another host (a workspace on a network share): its processes cannot be checked from here, so
 *   the lock counts as held until it is older than `staleAfterMs` (default 6 hours). A run that
 *   legitimately lasts longer than that on another host could lose its lock; raise the limit then.
 *
 * Taking over a stale lock is race-safe: a taker first creates a claim file named after the stale
 * lock's content hash (O_EXCL, so one claimant per stale lock), re-reads the lock under the claim
 * and deletes it only if it is still byte for byte the stale one; then every taker competes on
 * the same O_EXCL create, so exactly one wins and the others see a live holder. A claim whose
 * claimant died is superseded by the next claim generation instead of being deleted, so a live
 * claim is never removed by someone else.
 */

export interface LockHolder {
  pid: number;
  host: string;
  user: string;
  command: string;
  /** ISO 8601. */
  startedAt: string;
  period: string;
}

/** What the lock file holds: the holder plus what makes one acquisition unique. */
interface LockRecord extends LockHolder {
  /** Random per acquisition, so that the bytes of two acquisitions always differ. */
  token?: string;
  /** Linux: start time of the holder process in clock ticks since boot (/proc/<pid>/stat field 22). */
  procStart?: string;
}

export interface AcquiredLock {
  path: string;
  holder: LockHolder;
  /** The holder of a stale lock that was taken over: the caller should warn about it. */
  tookOverFrom: LockHolder | null;
  /** Deletes the lock file if it is still ours; safe to call more than once. */
  release(): void;
}

export interface AcquireLockOptions {
  /** Folder of the lock file, e.g. `<workspace>/laporan`; created if missing. */
  dir: string;
  /** Period id, part of the file name: one lock per workspace and period. */
  period: string;
  /** The command line, shown to whoever finds the lock held. */
  command: string;
  now?: () => Date;
  /** A lock held from another host counts as stale after this long (default 6 hours). */
  staleAfterMs?: number;
  /** An unreadable or empty lock file younger than this may be one being written: wait (default 3 s). */
  partialGraceMs?: number;
  /** How long to wait for another process that is in the middle of taking over (default 2 s). */
  takeoverWaitMs?: number;
  /** Language of the LockHeldError message (default Indonesian). */
  lang?: Lang;
  /** Test hooks to force interleavings; never used by the program. */
  hooks?: {
    /** After a stale lock was judged stale and before the claim is made. */
    beforeClaim?: (stale: LockHolder | null) => void;
    /** After the claim is held and before the stale lock is re-read and deleted. */
    afterClaim?: (stale: LockHolder | null) => void;
  };
}

export const DEFAULT_STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** Another live run holds the lock (exit code 4, SPEC §7). */
export class LockHeldError extends AppError {
  /** The message in both languages, for callers that print in another language than `lang`. */
  readonly text: Text;
  readonly hintText: Text;

  constructor(readonly holder: LockHolder, readonly path: string, lang: Lang, readonly remote: boolean) {
    const text = heldText(holder);
    const hintText: Text = remote
      ? {
          id: `Tunggu sampai proses itu selesai. Proses di host lain tidak dapat diperiksa dari sini; jika Anda yakin proses itu sudah tidak berjalan, hapus ${path}.`,
          en: `Wait until that run finishes. A process on another host cannot be checked from here; if you are sure it is no longer running, delete ${path}.`,
        }
      : {
          id: `Tunggu sampai proses ${holder.pid} selesai, lalu jalankan lagi.`,
          en: `Wait until process ${holder.pid} finishes, then run again.`,
        };
    super(EXIT.locked, text[lang], hintText[lang]);
    this.name = 'LockHeldError';
    this.text = text;
    this.hintText = hintText;
  }
}

function heldText(h: LockHolder): Text {
  return {
    id: `Periode ${h.period} sedang diproses oleh proses lain: pid ${h.pid}, pengguna ${h.user}, host ${h.host}, perintah "${h.command}", mulai ${h.startedAt}.`,
    en: `Period ${h.period} is being processed by another run: pid ${h.pid}, user ${h.user}, host ${h.host}, command "${h.command}", started ${h.startedAt}.`,
  };
}

export function lockPath(dir: string, period: string): string {
  return join(dir, `.appraise-${period}.lock`);
}

const active = new Set<AcquiredLock>();
let exitHookInstalled = false;

/** Releases every lock of this process; main's SIGINT/SIGTERM handler and process exit call it. */
export function releaseAllLocks(): void {
  for (const lock of [...active]) lock.release();
}

export function acquireLock(opts: AcquireLockOptions): AcquiredLock {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(opts.period)) {
    throw new Error(`acquireLock: period "${opts.period}" is not a safe file name part`);
  }
  const now = opts.now ?? (() => new Date());
  const staleAfterMs = opts.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const partialGraceMs = opts.partialGraceMs ?? 3000;
  const takeoverWaitMs = opts.takeoverWaitMs ?? 2000;
  const lang = opts.lang ?? 'id';
  const path = lockPath(opts.dir, opts.period);
  mkdirSync(opts.dir, { recursive: true });

  const procStart = ownProcStart();
  const mine: LockRecord = {
    pid: process.pid,
    host: hostname(),
    user: currentUser(),
    command: opts.command,
    startedAt: now().toISOString(),
    period: opts.period,
    token: randomBytes(12).toString('hex'),
    ...(procStart !== null ? { procStart } : {}),
  };
  const mineRaw = JSON.stringify(mine, null, 2) + '\n';

  let tookOverFrom: LockHolder | null = null;
  const waitUntil = Date.now() + takeoverWaitMs;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 10_000) throw new Error(`acquireLock: no progress on ${path}`);
    if (createExclusive(path, mineRaw)) break;

    const found = readLockFile(path, partialGraceMs);
    if (found === 'gone') continue; // released between our create and our read
    const state = judge(found.record, now(), staleAfterMs);
    if (state !== 'stale') throw new LockHeldError(publicHolder(found.record!), path, lang, state === 'remote');

    // Stale: claim the takeover of exactly this content.
    const staleHolder = found.record ? publicHolder(found.record) : null;
    opts.hooks?.beforeClaim?.(staleHolder);
    const claim = claimTakeover(path, found, mineRaw, now(), staleAfterMs);
    if (claim.kind === 'retry') continue;
    if (claim.kind === 'busy') {
      // Another process is taking over right now; that takes milliseconds. Wait, then look again.
      if (Date.now() > waitUntil) {
        throw new LockHeldError(publicHolder(claim.claimant), path, lang, claim.claimant.host !== hostname());
      }
      sleepSync(20);
      continue;
    }
    opts.hooks?.afterClaim?.(staleHolder);
    try {
      // Under the claim nobody else deletes the lock file; delete it only if it is still the stale one.
      if (stillSame(path, found)) {
        unlinkSync(path);
        tookOverFrom = staleHolder ?? unreadableHolder(opts.period);
      }
    } finally {
      // Once the stale content is no longer the lock file, no claim on it can do anything: clean all.
      if (!stillSame(path, found)) removeClaims(claim.base);
      else removeFile(claim.file);
    }
  }

  const holder = publicHolder(mine);
  const lock: AcquiredLock = {
    path,
    holder,
    tookOverFrom,
    release() {
      if (!active.has(lock)) return;
      active.delete(lock);
      // Delete only our own file: after a takeover from another host it may be someone else's.
      if (readRaw(path) === mineRaw) removeFile(path);
    },
  };
  active.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // process.exit() (SIGINT handler, EPIPE) skips finally blocks; leave no lock behind then either.
    process.on('exit', releaseAllLocks);
  }
  return lock;
}

function createExclusive(path: string, raw: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, raw);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    removeFile(path);
    throw e;
  }
  closeSync(fd);
  return true;
}

/** The file's text, or null when it does not exist. */
function readRaw(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

interface FoundLock {
  raw: string;
  /** null: empty or unparsable, past the grace time. */
  record: LockRecord | null;
  /** For an unparsable file the bytes alone are no identity (an empty file is empty every time). */
  mtimeMs: number;
  ino: number;
}

/**
 * Reads a lock (or claim) file. An empty or unparsable file may be one whose creator is still
 * writing it (it exists from open() until write()): wait for it while it is young.
 */
function readLockFile(path: string, graceMs: number): FoundLock | 'gone' {
  for (;;) {
    let raw: string | null;
    let st: { mtimeMs: number; ino: number };
    try {
      st = statSync(path);
      raw = readRaw(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw e;
    }
    if (raw === null) return 'gone';
    const record = parseRecord(raw);
    if (record) return { raw, record, mtimeMs: st.mtimeMs, ino: st.ino };
    if (Date.now() - st.mtimeMs >= graceMs) return { raw, record: null, mtimeMs: st.mtimeMs, ino: st.ino };
    sleepSync(25);
  }
}

/** Is the file at `path` still the one found? A parsed record carries a unique token; garbage needs the inode and mtime too. */
function stillSame(path: string, found: FoundLock): boolean {
  let st: { mtimeMs: number; ino: number };
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  if (readRaw(path) !== found.raw) return false;
  return found.record !== null || (st.ino === found.ino && st.mtimeMs === found.mtimeMs);
}

function parseRecord(raw: string): LockRecord | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (!Number.isInteger(r.pid) || (r.pid as number) <= 0) return null;
  for (const k of ['host', 'user', 'command', 'startedAt', 'period'] as const) {
    if (typeof r[k] !== 'string') return null;
  }
  // A lock written by hand or by an older version may lack these; its bytes still identify it.
  for (const k of ['token', 'procStart'] as const) {
    if (r[k] !== undefined && typeof r[k] !== 'string') return null;
  }
  return r as unknown as LockRecord;
}

function publicHolder(r: LockRecord): LockHolder {
  return { pid: r.pid, host: r.host, user: r.user, command: r.command, startedAt: r.startedAt, period: r.period };
}

/** Stands for an unreadable lock file that was taken over, so the caller still warns. */
function unreadableHolder(period: string): LockHolder {
  return { pid: 0, host: '?', user: '?', command: '(berkas kunci rusak / unreadable lock file)', startedAt: '?', period };
}

/**
 * 'alive': a live process on this host; 'remote': another host, not yet stale by age;
 * 'stale': gone, or unreadable past the grace time, or remote and older than staleAfterMs.
 */
function judge(record: LockRecord | null, now: Date, staleAfterMs: number): 'alive' | 'remote' | 'stale' {
  if (!record) return 'stale';
  if (record.host !== hostname()) {
    const started = Date.parse(record.startedAt);
    if (Number.isNaN(started) || now.getTime() - started > staleAfterMs) return 'stale';
    return 'remote';
  }
  return processAlive(record.pid, record.procStart) ? 'alive' : 'stale';
}

export function processAlive(pid: number, procStart?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return false;
    if (code !== 'EPERM') throw e;
    // EPERM: it exists but belongs to another user: alive.
  }
  const stat = procStat(pid);
  if (stat) {
    if (stat.state === 'Z' || stat.state === 'X') return false;
    // The pid was reused by a process that started after the holder.
    if (procStart !== undefined && stat.startTicks !== procStart) return false;
  }
  return true;
}

/** Linux /proc/<pid>/stat: state (field 3) and start time in ticks (field 22); null elsewhere. */
function procStat(pid: number): { state: string; startTicks: string } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces and ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = rest[0];
  const startTicks = rest[19];
  if (!state || !startTicks || !/^\d+$/.test(startTicks)) return null;
  return { state, startTicks };
}

function ownProcStart(): string | null {
  return procStat(process.pid)?.startTicks ?? null;
}

type Claim =
  | { kind: 'held'; file: string; base: string }
  | { kind: 'busy'; claimant: LockRecord }
  | { kind: 'retry' };

/**
 * Claims the takeover of the stale lock `found`. Claim files are named after its identity, so all
 * takers of the same stale lock compete on the same O_EXCL create. A claim whose claimant is gone
 * is not deleted (that would race with a live claimant) but superseded by generation g+1.
 */
function claimTakeover(path: string, found: FoundLock, mineRaw: string, now: Date, staleAfterMs: number): Claim {
  const identity = found.record ? found.raw : `${found.raw}\0${found.ino}\0${found.mtimeMs}`;
  const base = `${path}.takeover-${createHash('sha256').update(identity).digest('hex').slice(0, 16)}-`;
  for (let g = 0; g < 100; g++) {
    const file = `${base}${g}`;
    if (createExclusive(file, mineRaw)) return { kind: 'held', file, base };
    const claim = readLockFile(file, 1000);
    // Claims vanish only when the winner cleans up after replacing the stale lock: look again.
    if (claim === 'gone') return { kind: 'retry' };
    // A takeover takes milliseconds: a claim from another host older than a minute is dead too.
    const state = judge(claim.record, now, Math.min(staleAfterMs, 60_000));
    if (state !== 'stale') return { kind: 'busy', claimant: claim.record! };
  }
  throw new Error(`acquireLock: 100 abandoned takeover claims beside ${path}; delete ${base}* by hand`);
}

function removeClaims(base: string): void {
  const dir = dirname(base);
  const prefix = basename(base);
  for (const name of readdirSync(dir)) if (name.startsWith(prefix)) removeFile(join(dir, name));
}

function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    // A container uid without a passwd entry.
    return process.env.USER ?? process.env.LOGNAME ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
