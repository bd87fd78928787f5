import { describe, expect, it } from 'vitest';
import { renderIssues, renderSummary } from '../../src/reports/terminal.js';
import { DUKCAPIL, IND_FILE, ISSUES, KECAMATAN, NIP_RAHMAT, ROSTER_FILE, fixtureRun } from './reports-fixture.js';

const ESC = '\u001b[';
const outputs = ['laporan/2025-Q1/laporan-kinerja-2025-Q1.xlsx', 'laporan/2025-Q1/hasil-2025-Q1.json'];

/** The cells of the table line that starts with `label`, split on the box border. */
function tableLine(text: string, label: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`│ ${label}`));
  if (line === undefined) throw new Error(`no table line for ${label}`);
  return line.split('│').slice(1, -1).map((c) => c.trim());
}

describe('renderSummary', () => {
  const text = renderSummary(fixtureRun(), { color: false, lang: 'id', outputs });

  it('has no ANSI escape without colour, and has them with colour', () => {
    expect(text).not.toContain(ESC);
    expect(renderSummary(fixtureRun(), { color: true, lang: 'id', outputs })).toContain(ESC);
  });

  it('shows per-unit counts, mean score and final ratings, and totals', () => {
    expect(text.split('\n')[0]).toBe(
      'Pemerintah Kabupaten Simeulue — periode 2025-Q1 (2025-01-01 s.d. 2025-03-31) — permenpan-6-2022',
    );
    expect(tableLine(text, 'Unit Kerja')).toEqual([
      'Unit Kerja', 'Pegawai', 'Lengkap', 'Tertunda', 'Rerata Nilai', 'Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Di Bawah Ekspektasi',
    ]);
    expect(tableLine(text, DUKCAPIL)).toEqual([DUKCAPIL, '2', '2', '0', '99,93', '1', '1', '0']);
    expect(tableLine(text, KECAMATAN)).toEqual([KECAMATAN, '1', '0', '1', '–', '0', '0', '0']);
    expect(tableLine(text, 'Jumlah')).toEqual(['Jumlah', '3', '2', '1', '99,93', '1', '1', '0']);
  });

  it('lists the first issues by place, counts the rest, and shows input rows', () => {
    expect(text).toContain('Masalah data: 4 (1 kesalahan, 2 peringatan, 1 informasi)');
    expect(text).toContain(`  ${IND_FILE}!Indikator!B3  Kode indikator berisi spasi di tepi`);
    expect(text).toContain(`  ${ROSTER_FILE}:5:A  NIP tersimpan sebagai angka`);
    expect(text).not.toContain('lainnya');
    expect(tableLine(text, ROSTER_FILE)).toEqual([ROSTER_FILE, '4', '3', '1']);
    expect(tableLine(text, IND_FILE)).toEqual([IND_FILE, '5', '5', '0']);

    const many = fixtureRun();
    for (let r = 10; r < 14; r++) many.issues.push({ ...ISSUES[0]!, row: r });
    const more = renderSummary(many, { color: false, lang: 'id', outputs });
    expect(more).toContain('Masalah data: 8 (5 kesalahan, 2 peringatan, 1 informasi)');
    expect(more).toContain('  … dan 3 lainnya (sheet Masalah Data)');
  });

  it('says where the reports went and what to run next', () => {
    expect(text).toContain('Laporan ditulis:\n  laporan/2025-Q1/laporan-kinerja-2025-Q1.xlsx\n  laporan/2025-Q1/hasil-2025-Q1.json');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Berikutnya: appraise validate --period 2025-Q1');

    const clean = fixtureRun();
    clean.issues = [];
    const t = renderSummary(clean, { color: false, lang: 'en', outputs: [] });
    expect(t).toContain('Data issues: none.');
    expect(t).not.toContain('Reports written');
    expect(t.trimEnd().split('\n').at(-1)).toBe(`Next: appraise explain ${NIP_RAHMAT} --period 2025-Q1`);
  });
});

describe('renderIssues', () => {
  it('shows every issue with place, code and hint, groups repeats, tally last', () => {
    const issues = [...ISSUES, { ...ISSUES[0]!, row: 9 }, { ...ISSUES[0]!, row: 12 }];
    const text = renderIssues(issues, { color: false, lang: 'en' });
    expect(text).not.toContain(ESC);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Warning  ${IND_FILE}!Indikator!B3  Kode indikator berisi spasi di tepi [CODE_SPACES]`);
    expect(lines[1]).toBe('    Hint: Hapus spasi');
    expect(text).toContain(`Error  ${ROSTER_FILE}:5:A  NIP tersimpan sebagai angka dan sudah kehilangan digit (×3) [NIP_NUMERIC]\n    also at: ${ROSTER_FILE}:9:A, ${ROSTER_FILE}:12:A\n`);
    expect(lines.at(-1)).toBe('Data issues: 6 (3 errors, 2 warnings, 1 notice)');
    expect(renderIssues(issues, { color: true, lang: 'id' })).toContain(ESC);
  });

  it('limits the groups shown and says how many are hidden', () => {
    const text = renderIssues(ISSUES, { color: false, lang: 'id', limit: 2 });
    expect(text).toContain('… dan 2 masalah lain');
    expect(text).not.toContain('NIP_NUMERIC');
  });

  it('says so when there are none', () => {
    expect(renderIssues([], { color: false, lang: 'id' })).toBe('Tidak ada masalah data.');
  });
});
