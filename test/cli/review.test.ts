import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { appraise, BIN, PLANTED, SINABANG } from './helpers.js';

const ISSUE_KEYS = ['code', 'column', 'file', 'hint', 'message', 'row', 'severity', 'sheet'];

describe('--json: exactly one document on stdout, also when the command fails (SPEC §7)', () => {
  it.each([
    [['validate', '--period', '2025-Q9', '--json'], 2, "Periode '2025-Q9' tidak dikenal."],
    [['run', '--json'], 2, 'Periode belum diberikan.'],
    [['run', '--period', '2025-Q1', '--json', '--bogus'], 2, "unknown option '--bogus'"],
    [['explain', '123', '--period', '2025-Q1', '--json', '--lang', 'en'], 2, "'123' is not a NIP: a NIP has 18 digits."],
  ])('%j → an error document with the exit code', (args, exit, message) => {
    const r = appraise(args as string[], { cwd: SINABANG });
    expect(r.code).toBe(exit);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: false, exitCode: exit, error: { message } });
    // The human message stays on stderr.
    expect(r.stderr).toContain(message);
  });

  it('a command that printed its own document before failing gets no second one', () => {
    const r = appraise(['run', '--period', '2025-Q1', '--strict', '--dry-run', '--json'], { cwd: PLANTED });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout); // throws if a second document follows
    expect(doc).toMatchObject({ period: '2025-Q1', ok: false, written: [] });
    expect(doc.issues.filter((i: { severity: string }) => i.severity === 'error')).toHaveLength(10);
  });

  it('no --json, no document: stdout stays empty on a usage error', () => {
    const r = appraise(['validate', '--period', '2025-Q9'], { cwd: SINABANG });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('issues have one shape in every JSON output (SPEC §6 keys)', () => {
  it('validate --json: csv issues carry sheet: null like the results file', () => {
    const r = appraise(['validate', '--period', '2025-Q1', '--json'], { cwd: PLANTED });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.issues.length).toBeGreaterThan(0);
    for (const i of doc.issues) expect(Object.keys(i).sort()).toEqual(ISSUE_KEYS);
    const birth = doc.issues.find((i: { code: string }) => i.code === 'NIP_BIRTH_DATE');
    expect(birth).toMatchObject({ file: 'data/pegawai.csv', sheet: null, row: 6, column: 'A', severity: 'error' });
  });

  it('run --strict --json: the same shape', () => {
    const r = appraise(['run', '--period', '2025-Q1', '--strict', '--dry-run', '--json'], { cwd: PLANTED });
    const doc = JSON.parse(r.stdout);
    for (const i of doc.issues) expect(Object.keys(i).sort()).toEqual(ISSUE_KEYS);
  });
});

describe('a closed pipe ends quietly and keeps the exit code (SPEC §7, §8)', () => {
  const piped = (cmd: string) => spawnSync('bash', ['-c', `node ${BIN} ${cmd} | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
    cwd: SINABANG, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
  });

  it('validate with data errors still exits 3 when stdout is closed early', () => {
    const r = piped('validate --period 2025-Q1');
    expect(r.stdout.trim()).toBe('3');
  });

  it('stderr into the same closed pipe (2>&1 | head) is not an unexpected error', () => {
    const r = piped('run --period 2025-Q1 --dry-run 2>&1');
    expect(r.stdout.trim()).toBe('0');
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });
});

describe('an unknown APPRAISE_LANG is named in both languages', () => {
  it('exits 2 naming the variable, not --lang', () => {
    const r = appraise(['validate', '--period', '2025-Q1'], { cwd: SINABANG, env: { APPRAISE_LANG: 'fr' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("APPRAISE_LANG harus 'id' atau 'en', bukan 'fr'");
    expect(r.stderr).toContain("APPRAISE_LANG must be 'id' or 'en', not 'fr'");
  });
});
