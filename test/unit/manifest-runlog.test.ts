import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOOL } from '../../src/version.js';
import { openRunLog, runLogPath } from '../../src/workspace/runlog.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'appraise-runlog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A clock that ticks one second per call. */
function clock(start = Date.UTC(2025, 3, 1, 1, 0, 0)) {
  let t = start;
  return () => new Date((t += 1000) - 1000);
}

describe('openRunLog', () => {
  it('writes a header, timestamped lines and an end line to <dir>/appraise-<period>.log', () => {
    const log = openRunLog(join(dir, 'laporan', '2025-Q1'), '2025-Q1', { command: 'appraise run --period 2025-Q1', now: clock() });
    expect(log.path).toBe(runLogPath(join(dir, 'laporan', '2025-Q1'), '2025-Q1'));
    expect(log.path).toBe(join(dir, 'laporan', '2025-Q1', 'appraise-2025-Q1.log'));
    log.line('info', 'Membaca data/pegawai.xlsx');
    log.line('warn', 'kunci diambil alih\ndari pid 123');
    log.close('selesai, exit 0');
    expect(readFileSync(log.path, 'utf8')).toBe([
      `2025-04-01T01:00:00.000Z START ${TOOL.name} ${TOOL.version} pid ${process.pid} ${hostname()} period 2025-Q1: appraise run --period 2025-Q1`,
      '2025-04-01T01:00:01.000Z INFO  Membaca data/pegawai.xlsx',
      '2025-04-01T01:00:02.000Z WARN  kunci diambil alih',
      '2025-04-01T01:00:02.000Z WARN  dari pid 123',
      '2025-04-01T01:00:03.000Z END   selesai, exit 0',
      '',
    ].join('\n'));
  });

  it('appends: a second run adds its own header below the first run', () => {
    const a = openRunLog(dir, '2025', { command: 'first', now: clock() });
    a.line('error', 'gagal');
    a.close();
    const b = openRunLog(dir, '2025', { command: 'second', now: clock(Date.UTC(2025, 3, 2)) });
    b.close();
    const lines = readFileSync(join(dir, 'appraise-2025.log'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/START .*: first$/);
    expect(lines[1]).toBe('2025-04-01T01:00:01.000Z ERROR gagal');
    expect(lines[2]).toBe(`2025-04-01T01:00:02.000Z END   pid ${process.pid}`);
    expect(lines[3]).toMatch(/^2025-04-02T00:00:00.000Z START .*: second$/);
  });

  it('is on disk after every line (no buffering), and ignores lines after close', () => {
    const log = openRunLog(dir, '2025-01', { command: 'x', now: clock() });
    log.line('info', 'satu');
    expect(readFileSync(log.path, 'utf8')).toContain('INFO  satu\n');
    log.close();
    log.line('info', 'dua');
    log.close();
    const text = readFileSync(log.path, 'utf8');
    expect(text).not.toContain('dua');
    expect(text.match(/ END /g)).toHaveLength(1);
  });

  it('escapes control characters so they cannot garble a terminal', () => {
    const log = openRunLog(dir, '2025-S1', { command: 'x', now: clock() });
    log.line('debug', 'a\u001b[31mb\tc');
    log.close();
    expect(readFileSync(log.path, 'utf8')).toContain('DEBUG a\\x1b[31mb\tc\n');
  });
});
