import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appraise, BIN, SINABANG, tempDir } from './helpers.js';

describe('command-line conventions (SPEC §7)', () => {
  it('--help shows examples and exit codes, exit 0', () => {
    const r = appraise(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/appraise run --period 2025-Q1/);
    expect(r.stdout).toMatch(/Exit codes/);
    const sub = appraise(['run', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/--strict/);
  });

  it('an unknown option is a usage error (exit 2)', () => {
    expect(appraise(['run', '--bogus']).code).toBe(2);
  });

  it('a bad period is a usage error (exit 2) naming the accepted forms', () => {
    const r = appraise(['run', '--period', '2025-Q5'], { cwd: SINABANG });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2025-Q5/);
    expect(r.stderr).toMatch(/YYYY-Q1/);
  });

  it('no workspace is a usage error (exit 2) that says what to do', () => {
    const dir = tempDir();
    const r = appraise(['run', '--period', '2025-Q1'], { cwd: dir, env: { APPRAISE_WORKSPACE: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/appraise init/);
  });

  it('an invalid config reports every problem as path: message (exit 2)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'appraise.config.yaml'), 'regime: pp-99\nscoring:\n  capaianCap: -5\n  typo: 1\n');
    const r = appraise(['validate', '--period', '2025-Q1'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/appraise\.config\.yaml: regime: /);
    expect(r.stderr).toMatch(/scoring\.capaianCap: /);
    expect(r.stderr).toMatch(/scoring: .*typo/);
  });

  it('-w and APPRAISE_WORKSPACE find the workspace from elsewhere', () => {
    const dir = tempDir();
    const a = appraise(['run', '--period', '2025-Q1', '--dry-run', '--json', '-w', SINABANG], { cwd: dir });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).dryRun).toBe(true);
    const b = appraise(['run', '--period', '2025-Q1', '--dry-run', '--json'], { cwd: dir, env: { APPRAISE_WORKSPACE: SINABANG } });
    expect(b.code).toBe(0);
  });

  it('the upward search finds the workspace from a subfolder', () => {
    const r = appraise(['run', '--period', '2025-Q1', '--dry-run', '--json'], { cwd: join(SINABANG, 'data') });
    expect(r.code).toBe(0);
  });

  it('no colour escapes when NO_COLOR is set or output is not a terminal', () => {
    const r = appraise(['run', '--period', '2025-Q1', '--dry-run'], { cwd: SINABANG, env: { NO_COLOR: '1', FORCE_COLOR: undefined } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stderr).not.toMatch(/\u001b\[/);
  });

  it('--lang en speaks English', () => {
    const r = appraise(['run', '--period', '2025-Q1', '--dry-run', '--lang', 'en'], { cwd: SINABANG });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/nothing was written/);
  });

  it('init off a terminal does not prompt: it asks for the flag (exit 2), and works with flags', () => {
    const dir = tempDir();
    const r = appraise(['init', join(dir, 'ws')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--organisation/);
    const ok = appraise(['init', join(dir, 'ws'), '--organisation', 'Pemerintah Kabupaten Simeulue', '--period', '2025-Q1', '--json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).written).toEqual(expect.arrayContaining(['appraise.config.yaml']));
    const again = appraise(['init', join(dir, 'ws'), '--yes'], { cwd: dir });
    expect(again.code).toBe(2);
    const v = appraise(['validate', '--period', '2025-Q1'], { cwd: join(dir, 'ws') });
    // A fresh workspace has blank templates: valid config, no data errors.
    expect(v.code).toBe(0);
  });

  it('template writes an xlsx and refuses to overwrite without --force', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 't'));
    const a = appraise(['template', 'pegawai', '-o', join(dir, 't', 'p.xlsx')]);
    expect(a.code).toBe(0);
    expect(appraise(['template', 'pegawai', '-o', join(dir, 't', 'p.xlsx')]).code).toBe(2);
    expect(appraise(['template', 'pegawai', '-o', join(dir, 't', 'p.xlsx'), '--force']).code).toBe(0);
    expect(appraise(['template', 'nonsense']).code).toBe(2);
  });

  it('ends quietly when the reader of stdout goes away', () => {
    const r = spawnSync('bash', ['-c', `node ${BIN} run --period 2025-Q1 --dry-run --json | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      cwd: SINABANG, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stdout.trim()).toBe('0');
  });
});
