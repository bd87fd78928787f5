import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/domain/errors.js';
import { acquireLock, LockHeldError, lockPath, type LockHolder } from '../../src/workspace/lock.js';

let dir: string;
const children: ChildProcess[] = [];
const PERIOD = '2025-Q1';
const FIXED = new Date('2025-04-01T01:02:03.000Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'appraise-lock-'));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A node process that stays alive until the test ends. */
async function liveChild(): Promise<number> {
  const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
  children.push(c);
  await new Promise((r) => c.once('spawn', r));
  return c.pid!;
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => c.once('exit', r));
  return c.pid!;
}

function holder(pid: number, extra: Partial<LockHolder> & Record<string, unknown> = {}): LockHolder & Record<string, unknown> {
  return { pid, host: hostname(), user: 'siti', command: 'appraise run --period 2025-Q1', startedAt: '2025-04-01T00:00:00.000Z', period: PERIOD, ...extra };
}

function writeLock(h: object): string {
  const raw = JSON.stringify(h);
  writeFileSync(lockPath(dir, PERIOD), raw);
  return raw;
}

const readLock = () => JSON.parse(readFileSync(lockPath(dir, PERIOD), 'utf8')) as Record<string, unknown>;
const acquire = (extra: Partial<Parameters<typeof acquireLock>[0]> = {}) =>
  acquireLock({ dir, period: PERIOD, command: 'appraise run --period 2025-Q1', now: () => FIXED, ...extra });

function catchHeld(f: () => unknown): LockHeldError {
  try {
    f();
  } catch (e) {
    if (e instanceof LockHeldError) return e;
    throw e;
  }
  throw new Error('expected LockHeldError');
}

describe('acquireLock / release', () => {
  it('creates <dir>/.appraise-<period>.lock with the holder and removes it on release', () => {
    const lock = acquire();
    expect(lock.path).toBe(join(dir, '.appraise-2025-Q1.lock'));
    expect(lock.tookOverFrom).toBeNull();
    expect(lock.holder).toEqual({
      pid: process.pid, host: hostname(), user: userInfo().username,
      command: 'appraise run --period 2025-Q1', startedAt: '2025-04-01T01:02:03.000Z', period: '2025-Q1',
    });
    const onDisk = readLock();
    expect(onDisk).toMatchObject(lock.holder);
    expect(typeof onDisk.token).toBe('string');
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    lock.release(); // idempotent
    const again = acquire();
    expect(again.tookOverFrom).toBeNull();
    again.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('creates the folder when it is missing, and locks periods independently', () => {
    const nested = join(dir, 'laporan');
    const q1 = acquireLock({ dir: nested, period: '2025-Q1', command: 'a' });
    const q2 = acquireLock({ dir: nested, period: '2025-Q2', command: 'b' });
    expect(readdirSync(nested).sort()).toEqual(['.appraise-2025-Q1.lock', '.appraise-2025-Q2.lock']);
    q1.release();
    q2.release();
  });

  it('refuses a period that is not a plain file name part', () => {
    expect(() => acquireLock({ dir, period: '../x', command: 'a' })).toThrow(/not a safe file name/);
  });

  it('a second acquire in the same process fails: its own pid is alive', () => {
    const first = acquire();
    const err = catchHeld(() => acquire({ command: 'appraise training --period 2025-Q1' }));
    expect(err.holder.pid).toBe(process.pid);
    expect(err.holder.command).toBe('appraise run --period 2025-Q1');
    first.release();
  });

  it('release leaves a lock that is no longer ours', () => {
    const lock = acquire();
    const other = writeLock(holder(12345, { token: 'someone-else' }));
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(other);
  });
});

describe('a lock held by a live process', () => {
  it('throws LockHeldError (exit 4) naming pid, user, host, command and start time; the file is untouched', async () => {
    const pid = await liveChild();
    const raw = writeLock(holder(pid));
    const err = catchHeld(() => acquire());
    expect(err.exitCode).toBe(EXIT.locked);
    expect(err.holder).toEqual(holder(pid));
    expect(err.remote).toBe(false);
    expect(err.path).toBe(lockPath(dir, PERIOD));
    // Default language is Indonesian; both texts carry every detail.
    expect(err.message).toBe(err.text.id);
    for (const text of [err.text.id, err.text.en]) {
      for (const part of [String(pid), 'siti', hostname(), 'appraise run --period 2025-Q1', '2025-04-01T00:00:00.000Z', '2025-Q1']) {
        expect(text).toContain(part);
      }
    }
    expect(catchHeld(() => acquire({ lang: 'en' })).message).toBe(err.text.en);
    expect(readFileSync(lockPath(dir, PERIOD), 'utf8')).toBe(raw);
  });

  it('waits for a lock file that its creator is still writing, then reports that holder', async () => {
    // The file exists empty (between open and write); its writer fills it in 300 ms.
    const path = lockPath(dir, PERIOD);
    writeFileSync(path, '');
    const script = `const fs = require('fs'); setTimeout(() => fs.writeFileSync(${JSON.stringify(path)}, JSON.stringify({
      pid: process.pid, host: require('os').hostname(), user: 'budi', command: 'late writer', startedAt: '2025-04-01T00:00:00.000Z', period: '2025-Q1' })), 300);
      setTimeout(() => {}, 30000);`;
    const c = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    children.push(c);
    await new Promise((r) => c.once('spawn', r));
    const t0 = Date.now();
    const err = catchHeld(() => acquire({ partialGraceMs: 10_000 }));
    expect(err.holder.pid).toBe(c.pid);
    expect(err.holder.command).toBe('late writer');
    expect(Date.now() - t0).toBeLessThan(9000);
  });

  it('treats a live pid whose process start time differs (a reused pid) as gone (Linux)', async () => {
    if (!existsSync('/proc/self/stat')) return; // no /proc: only kill(pid, 0) is available
    const pid = await liveChild();
    writeLock(holder(pid, { procStart: '1' }));
    const lock = acquire();
    expect(lock.tookOverFrom).toEqual(holder(pid));
    lock.release();
  });

  it('keeps a lock whose recorded process start time matches (Linux)', async () => {
    if (!existsSync('/proc/self/stat')) return;
    const pid = await liveChild();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const procStart = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
    writeLock(holder(pid, { procStart }));
    expect(catchHeld(() => acquire()).holder.pid).toBe(pid);
  });
});

describe('taking over a stale lock', () => {
  it('takes over from a process that is gone and reports it in tookOverFrom', async () => {
    const pid = await deadPid();
    writeLock(holder(pid));
    const lock = acquire();
    expect(lock.tookOverFrom).toEqual(holder(pid));
    expect(readLock()).toMatchObject({ pid: process.pid, startedAt: FIXED.toISOString() });
    lock.release();
    expect(readdirSync(dir)).toEqual([]); // no claim files left behind
  });

  it('takes over an empty or garbage lock file once it is older than the grace time', () => {
    writeFileSync(lockPath(dir, PERIOD), '{"pid": 12');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath(dir, PERIOD), old, old);
    const lock = acquire();
    expect(lock.tookOverFrom).toMatchObject({ pid: 0, period: PERIOD });
    expect(readLock().pid).toBe(process.pid);
    lock.release();
  });

  it('waits out the grace time for a young garbage file before taking it over', () => {
    writeFileSync(lockPath(dir, PERIOD), '');
    const t0 = Date.now();
    const lock = acquire({ partialGraceMs: 300 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(lock.tookOverFrom).not.toBeNull();
    lock.release();
  });

  it('holds a lock from another host until staleAfterMs, then takes it over', () => {
    const started = (msAgo: number) => new Date(FIXED.getTime() - msAgo).toISOString();
    writeLock(holder(4242, { host: 'server-b', startedAt: started(60 * 60_000) }));
    const err = catchHeld(() => acquire());
    expect(err.remote).toBe(true);
    expect(err.holder.host).toBe('server-b');
    expect(err.message).toContain('server-b');

    // Default limit: 6 hours.
    writeLock(holder(4242, { host: 'server-b', startedAt: started(6 * 60 * 60_000 + 1000) }));
    const lock = acquire();
    expect(lock.tookOverFrom).toMatchObject({ host: 'server-b', pid: 4242 });
    lock.release();

    writeLock(holder(4242, { host: 'server-b', startedAt: started(60 * 60_000) }));
    const sooner = acquire({ staleAfterMs: 30 * 60_000 });
    expect(sooner.tookOverFrom).toMatchObject({ host: 'server-b' });
    sooner.release();
  });
});

describe('racing takers (deterministic interleavings)', () => {
  it('B takes over between A judging the lock stale and A claiming it: A then sees B as holder', async () => {
    const pid = await deadPid();
    writeLock(holder(pid));
    let b: ReturnType<typeof acquire> | undefined;
    const err = catchHeld(() =>
      acquire({ command: 'A', hooks: { beforeClaim: () => { b = acquire({ command: 'B' }); } } }),
    );
    expect(b!.tookOverFrom).toEqual(holder(pid));
    expect(err.holder.command).toBe('B');
    expect(readLock().command).toBe('B');
    expect(readdirSync(dir)).toEqual(['.appraise-2025-Q1.lock']);
    b!.release();
  });

  it('B arrives while A holds the takeover claim: B waits, then names A; A wins', async () => {
    const pid = await deadPid();
    writeLock(holder(pid));
    let bError: LockHeldError | undefined;
    const a = acquire({
      command: 'A',
      hooks: { afterClaim: () => { bError = catchHeld(() => acquire({ command: 'B', takeoverWaitMs: 100 })); } },
    });
    expect(bError!.holder.command).toBe('A');
    expect(a.tookOverFrom).toEqual(holder(pid));
    expect(readLock().command).toBe('A');
    expect(readdirSync(dir)).toEqual(['.appraise-2025-Q1.lock']);
    a.release();
  });

  it('B takes over and releases before A claims: A simply acquires, with nothing taken over by A', async () => {
    const pid = await deadPid();
    writeLock(holder(pid));
    const a = acquire({ command: 'A', hooks: { beforeClaim: () => acquire({ command: 'B' }).release() } });
    expect(a.tookOverFrom).toBeNull();
    expect(readLock().command).toBe('A');
    a.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a claim abandoned by a dead claimant is superseded, not blocking forever', async () => {
    const pid = await deadPid();
    const raw = writeLock(holder(pid));
    const claim = `${lockPath(dir, PERIOD)}.takeover-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}-0`;
    writeFileSync(claim, JSON.stringify(holder(await deadPid(), { command: 'crashed claimant' })));
    const lock = acquire();
    expect(lock.tookOverFrom).toEqual(holder(pid));
    expect(readdirSync(dir)).toEqual(['.appraise-2025-Q1.lock']);
    lock.release();
  });

  it('a live claimant of a claim blocks the takeover until takeoverWaitMs, then is named', async () => {
    const pid = await deadPid();
    const raw = writeLock(holder(pid));
    const claimant = await liveChild();
    const claim = `${lockPath(dir, PERIOD)}.takeover-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}-0`;
    writeFileSync(claim, JSON.stringify(holder(claimant, { command: 'slow claimant' })));
    const t0 = Date.now();
    const err = catchHeld(() => acquire({ takeoverWaitMs: 200 }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
    expect(err.holder).toMatchObject({ pid: claimant, command: 'slow claimant' });
    expect(readFileSync(lockPath(dir, PERIOD), 'utf8')).toBe(raw);
  });
});
