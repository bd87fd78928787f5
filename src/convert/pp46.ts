import type { Lang, Text } from '../domain/i18n.js';
import type { IssueSink } from '../domain/issues.js';
import type { CellPlace } from '../domain/place.js';
import { formatPlace } from '../domain/place.js';
import { isoDate } from '../domain/period.js';
import { roundHalfUp, snap } from '../domain/exact.js';
import {
  LegacyInputError, activityValue, biayaValue, kualitasValue, kuantitasValue, nilaiCapaianSkpPp46, nilaiPrestasiKerjaPp46,
  perilakuPp46, sebutanPp46Label, waktuValue,
  type BiayaCell, type Pp46Activity, type Pp46ActivityResult, type Pp46SkpResult, type SebutanPp46,
} from '../engine/legacy/pp46.js';
import { norm, readGrids, type Grid } from './grid.js';
import {
  PP46_ASPECTS, formNip, isPrestasiSheet, parseCapaianForm, parsePrestasiForm,
  type CapaianForm, type FormActivity, type Loc, type Pp46Aspect, type PrestasiForm,
} from './pp46-form.js';

/**
 * `appraise convert --from pp46` (SPEC §3.8, §7): PP 46/2011 SKP workbooks → the workspace
 * indicator format, the scores recomputed with pp-46-2011, and a parity report of every number the
 * workbook states against our recomputation.
 *
 * Parity tolerance: both numbers are rounded half-up to 2 decimals; they agree when those differ by
 * at most 0.01 (a form that sums rounded activity values may be off by one hundredth).
 */
export const PARITY_TOLERANCE = 0.01;

/**
 * How the four PP 46 aspects become workspace indicators. Kuantitas (output) is productivity;
 * kualitas (mutu) is service quality; waktu is timeliness, which SPEC §0 names as part of service
 * quality ("speed and accuracy"); biaya is the resources spent per output, i.e. productivity.
 * Waktu and biaya: less is better → Arah turun. Agregasi: counts, months and money add up across
 * sub-periods (jumlah); a quality percentage averages (rata-rata).
 */
export const ASPECT_MAP: Record<Pp46Aspect, { aspect: string; direction: 'naik' | 'turun'; aggregation: 'jumlah' | 'rata-rata'; code: string; label: Text }> = {
  kuantitas: { aspect: 'produktivitas', direction: 'naik', aggregation: 'jumlah', code: 'KUANT', label: { id: 'kuantitas/output', en: 'quantity/output' } },
  kualitas: { aspect: 'kualitas-layanan', direction: 'naik', aggregation: 'rata-rata', code: 'KUAL', label: { id: 'kualitas/mutu', en: 'quality' } },
  waktu: { aspect: 'kualitas-layanan', direction: 'turun', aggregation: 'jumlah', code: 'WAKTU', label: { id: 'waktu', en: 'time' } },
  biaya: { aspect: 'produktivitas', direction: 'turun', aggregation: 'jumlah', code: 'BIAYA', label: { id: 'biaya', en: 'cost' } },
};

export interface IndicatorRow {
  nip: string;
  code: string;
  text: string;
  aspect: string;
  kind: 'utama';
  target: number;
  actual: number;
  unitLabel: string | null;
  direction: 'naik' | 'turun';
  weight: number;
  aggregation: string;
  period: string | null;
  source: string;
}

export interface RosterRow {
  nip: string;
  name: string | null;
  position: string | null;
  unit: string | null;
  grade: string | null;
  supervisorNip: string | null;
  source: string;
}

export interface ParityItem {
  nip: string | null;
  name: string | null;
  /** file!sheet!cell of the stated number */
  place: string;
  item: string;
  label: string;
  stated: number | string;
  computed: number | string;
  /** stated − computed after rounding to 2 decimals; null for texts */
  difference: number | null;
  agree: boolean;
}

export interface Pp46ActivityOut {
  code: string;
  kegiatan: string;
  place: string;
  result: Pp46ActivityResult | null;
}

export interface Pp46EmployeeOut {
  file: string;
  sheet: string | null;
  nip: string | null;
  name: string | null;
  position: string | null;
  unit: string | null;
  grade: string | null;
  appraiserName: string | null;
  appraiserNip: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  period: string | null;
  activities: Pp46ActivityOut[];
  tugasTambahan: number;
  kreativitas: number;
  skp: Pp46SkpResult | null;
  stated: { nilaiCapaianSkp: number | null; sebutan: string | null };
  perilaku: { mean: number; count: 5 | 6 } | null;
  prestasi: { nilai: number; sebutan: SebutanPp46 } | null;
  differences: number;
}

export interface Pp46Conversion {
  files: string[];
  employees: Pp46EmployeeOut[];
  indicators: IndicatorRow[];
  roster: RosterRow[];
  parity: ParityItem[];
}

const SEBUTAN_BY_NORM: Record<string, SebutanPp46> = {
  sangatbaik: 'SANGAT_BAIK', baik: 'BAIK', cukup: 'CUKUP', kurang: 'KURANG', buruk: 'BURUK',
  verygood: 'SANGAT_BAIK', good: 'BAIK', fair: 'CUKUP', poor: 'KURANG', bad: 'BURUK',
};

const r2 = (x: number): number => roundHalfUp(x, 2);

class Parity {
  readonly items: ParityItem[] = [];
  constructor(private readonly lang: Lang) {}

  number(who: { nip: string | null; name: string | null }, item: string, label: Text, stated: Loc<number> | null, computed: number | null): void {
    if (!stated || computed === null) return;
    const difference = snap(r2(stated.value) - r2(computed));
    this.items.push({
      ...who, place: formatPlace(stated.place), item, label: label[this.lang],
      stated: r2(stated.value), computed: r2(computed), difference: r2(difference),
      agree: Math.abs(difference) <= PARITY_TOLERANCE,
    });
  }

  sebutan(who: { nip: string | null; name: string | null }, item: string, label: Text, stated: Loc<string> | null, computed: SebutanPp46 | null, sink: IssueSink): void {
    if (!stated || computed === null) return;
    const s = SEBUTAN_BY_NORM[norm(stated.value)];
    if (s === undefined) {
      sink.warning('PP46_SEBUTAN_UNKNOWN', stated.place, {
        id: `Sebutan "${stated.value}" tidak dikenal; tidak dibandingkan.`,
        en: `Sebutan "${stated.value}" is not recognised; not compared.`,
      }, { id: 'Sebutan PP 46/2011: Sangat Baik, Baik, Cukup, Kurang, Buruk.', en: 'PP 46/2011 sebutan: Sangat Baik, Baik, Cukup, Kurang, Buruk.' });
      return;
    }
    this.items.push({
      ...who, place: formatPlace(stated.place), item, label: label[this.lang],
      stated: stated.value, computed: sebutanPp46Label(computed, 'id'), difference: null, agree: s === computed,
    });
  }
}

function reportLegacy(sink: IssueSink, e: unknown, place: CellPlace): void {
  if (!(e instanceof LegacyInputError)) throw e;
  sink.error(e.code, place, e.text, {
    id: 'Perbaiki angka di sel ini pada formulir SKP.',
    en: 'Correct the number in this cell of the SKP form.',
  });
}

/** Reads the activity into the engine's input, reporting every unusable cell at its place. */
function activityInput(a: FormActivity, sink: IssueSink): Pp46Activity | null {
  if (!a.readable) return null;
  let ok = true;
  const pair = (aspect: 'kuantitas' | 'kualitas' | 'waktu', fn: (t: number, r: number) => number) => {
    const t = a.target[aspect];
    const r = a.realisasi[aspect];
    for (const [loc, what] of [[t, 'Target'], [r, 'Realisasi']] as const) {
      if (loc === null || loc.value.value === null) {
        ok = false;
        sink.error('PP46_VALUE_MISSING', loc?.place ?? a.row, {
          id: `${what} ${aspect} kegiatan "${a.kegiatan.value}" kosong.`,
          en: `${what === 'Target' ? 'Target' : 'Realisation'} ${aspect} of activity "${a.kegiatan.value}" is empty.`,
        }, { id: `Isi ${what.toLowerCase()} ${aspect} kegiatan ini.`, en: `Fill in the ${aspect} ${what === 'Target' ? 'target' : 'realisation'} of this activity.` });
      }
    }
    if (!t || !r || t.value.value === null || r.value.value === null) return null;
    try {
      fn(t.value.value, r.value.value);
    } catch (e) {
      ok = false;
      reportLegacy(sink, e, e instanceof LegacyInputError && e.code === 'PP46_REALISASI_INVALID' ? r.place : t.place);
      return null;
    }
    return { target: t.value.value, realisasi: r.value.value };
  };
  const kuantitas = pair('kuantitas', kuantitasValue);
  const kualitas = pair('kualitas', kualitasValue);
  const waktu = pair('waktu', waktuValue);
  const bt = a.target.biaya;
  const br = a.realisasi.biaya;
  const cell = (l: Loc<{ value: number | null; dash: boolean }> | null): BiayaCell => (l === null ? null : l.value.dash ? '-' : l.value.value);
  const biaya = { target: cell(bt), realisasi: cell(br) };
  if (typeof biaya.target === 'number' && biaya.target !== 0 && typeof biaya.realisasi === 'number') {
    try {
      biayaValue(biaya.target, biaya.realisasi);
    } catch (e) {
      ok = false;
      reportLegacy(sink, e, e instanceof LegacyInputError && e.code === 'PP46_REALISASI_INVALID' ? br!.place : bt!.place);
    }
  }
  if (!ok || !kuantitas || !kualitas || !waktu) return null;
  const input: Pp46Activity = { kuantitas, kualitas, waktu, biaya };
  try {
    activityValue(input);
  } catch (e) {
    reportLegacy(sink, e, (e instanceof LegacyInputError && e.code === 'PP46_BIAYA_WITHOUT_TARGET' ? bt?.place : br?.place) ?? a.row);
    return null;
  }
  return input;
}

function periodId(start: Date, end: Date): string | null {
  const y = start.getUTCFullYear();
  // Forms of a whole year often start on 2 January (1 January is a holiday).
  if (y === end.getUTCFullYear() && start.getUTCMonth() === 0 && start.getUTCDate() <= 2 && end.getUTCMonth() === 11 && end.getUTCDate() === 31) return String(y);
  return null;
}

interface Converted {
  out: Pp46EmployeeOut;
  form: CapaianForm;
  when: number;
}

function convertForm(form: CapaianForm, parity: Parity, sink: IssueSink): { converted: Converted; indicators: IndicatorRow[] } {
  const g = form.grid;
  const sheetPlace: CellPlace = { file: g.file, ...(g.sheet !== undefined ? { sheet: g.sheet } : {}) };
  const nip = formNip(form.dinilai.nip, sink, { id: 'pegawai yang dinilai', en: 'appraised employee' });
  if (!form.dinilai.nip) {
    sink.error('PP46_NIP_MISSING', sheetPlace, {
      id: 'NIP pegawai yang dinilai tidak ditemukan pada formulir; baris indikatornya tidak ditulis.',
      en: 'The NIP of the appraised employee is not on the form; its indicator rows are not written.',
    }, {
      id: 'Isi NIP di bawah "PNS yang dinilai" (label "NIP" dengan nilainya di sel sebelah kanan).',
      en: 'Fill in the NIP under "PNS yang dinilai" (a "NIP" label with the value in the cell to its right).',
    });
  }
  const appraiserNip = formNip(form.penilai.nip, sink, { id: 'pejabat penilai', en: 'appraiser' });
  const name = form.dinilai.nama?.value ?? null;
  const who = { nip, name };
  if (!form.period) {
    sink.warning('PP46_PERIOD_MISSING', sheetPlace, {
      id: 'Jangka waktu penilaian tidak ditemukan pada formulir.',
      en: 'The assessment period is not on the form.',
    }, { id: 'Tulis misalnya "Jangka Waktu Penilaian: 2 Januari s.d. 31 Desember 2014" di atas tabel.', en: 'Write e.g. "Jangka Waktu Penilaian: 2 Januari s.d. 31 Desember 2014" above the table.' });
  }
  const period = form.period ? periodId(form.period.value.start, form.period.value.end) : null;
  const source = (p: CellPlace) => formatPlace(p);

  const inputs: (Pp46Activity | null)[] = form.activities.map((a) => activityInput(a, sink));
  const activities: Pp46ActivityOut[] = form.activities.map((a, i) => ({
    code: `K${a.index}`,
    kegiatan: a.kegiatan.value,
    place: source(a.row),
    result: inputs[i] ? activityValue(inputs[i]!) : null,
  }));
  const indicators: IndicatorRow[] = [];
  for (const [i, a] of form.activities.entries()) {
    const input = inputs[i];
    if (!input) continue;
    // Per activity: the sum and the value the form states, against ours.
    const res = activities[i]!.result!;
    parity.number(who, `K${a.index}.perhitungan`, { id: `K${a.index} perhitungan`, en: `K${a.index} calculation` }, a.perhitungan, res.perhitungan);
    parity.number(who, `K${a.index}.nilai`, { id: `K${a.index} nilai capaian`, en: `K${a.index} achievement value` }, a.nilai, res.nilaiCapaian);
    if (!nip) continue;
    for (const aspect of PP46_ASPECTS) {
      const t = a.target[aspect];
      const r = a.realisasi[aspect];
      if (aspect === 'biaya' && res.biaya === null) continue;
      if (!t || !r || t.value.value === null || r.value.value === null) continue;
      const m = ASPECT_MAP[aspect];
      const tu = t.value.unit;
      const ru = r.value.unit;
      if (tu && ru && norm(tu) !== norm(ru)) {
        sink.warning('PP46_UNIT_MISMATCH', r.place, {
          id: `Satuan realisasi "${ru}" berbeda dari satuan target "${tu}"; dipakai satuan target.`,
          en: `Realisation unit "${ru}" differs from the target unit "${tu}"; the target unit is used.`,
        }, { id: 'Samakan satuan target dan realisasi.', en: 'Use the same unit for target and realisation.' });
      }
      indicators.push({
        nip, code: `K${a.index}-${m.code}`, text: `${a.kegiatan.value} (${m.label.id})`, aspect: m.aspect, kind: 'utama',
        target: t.value.value, actual: r.value.value, unitLabel: tu ?? ru ?? null, direction: m.direction, weight: 1,
        aggregation: m.aggregation, period, source: source(a.row),
      });
    }
  }

  const kreativitas = form.kreativitas.points.reduce((s, p) => s + p.value, 0);
  for (const item of form.kreativitas.items) {
    if (form.kreativitas.points.length === 0) {
      sink.warning('PP46_KREATIVITAS_NO_POINTS', item.place, {
        id: `Kreativitas "${item.value}" tanpa nilai; dihitung 0.`,
        en: `Creativity "${item.value}" has no points; counted as 0.`,
      }, { id: 'Isi nilai kreativitas pada kolom Nilai Capaian SKP bila sudah ditetapkan.', en: 'Fill in the creativity points in the Nilai Capaian SKP column when awarded.' });
    }
  }
  let skp: Pp46SkpResult | null = null;
  if (form.activities.length === 0) {
    sink.error('PP46_NO_ACTIVITIES', sheetPlace, {
      id: 'Formulir tanpa baris kegiatan tugas jabatan: nilai capaian tidak dapat dihitung.',
      en: 'The form has no job activity rows: the achievement value cannot be computed.',
    }, { id: 'Isi kegiatan di bawah judul TARGET/REALISASI.', en: 'Fill in the activities below the TARGET/REALISASI header.' });
  } else if (inputs.every((x) => x !== null)) {
    skp = nilaiCapaianSkpPp46({ activities: inputs as Pp46Activity[], tugasTambahan: form.tugasTambahan.duties.length, kreativitas });
    if (form.tugasTambahan.stated.length > 0) {
      const total = form.tugasTambahan.stated.reduce((s, p) => s + p.value, 0);
      parity.number(who, 'tugasTambahan', { id: `Nilai tugas tambahan (${form.tugasTambahan.duties.length} tugas)`, en: `Additional duties points (${form.tugasTambahan.duties.length} duties)` },
        { value: total, place: form.tugasTambahan.stated[0]!.place }, skp.tugasTambahanPoints);
    }
    parity.number(who, 'nilaiCapaianSkp', { id: 'Nilai capaian SKP', en: 'SKP achievement value' }, form.final.value, skp.nilaiCapaianSkp);
    parity.sebutan(who, 'sebutan', { id: 'Sebutan capaian SKP', en: 'SKP sebutan' }, form.final.sebutan, skp.sebutan, sink);
  } else {
    sink.error('PP46_NOT_COMPUTED', sheetPlace, {
      id: 'Nilai capaian SKP tidak dihitung karena ada sel kegiatan yang tidak dapat dibaca (lihat masalah lain pada lembar ini).',
      en: 'The SKP achievement value is not computed because some activity cells cannot be read (see the other issues of this sheet).',
    }, { id: 'Perbaiki sel yang disebut, lalu konversi lagi.', en: 'Fix the cells listed, then convert again.' });
  }
  if (!form.final.value && form.final.label === null) {
    sink.warning('PP46_FINAL_MISSING', sheetPlace, {
      id: 'Baris "NILAI CAPAIAN SKP" tidak ditemukan; nilai akhir formulir tidak dibandingkan.',
      en: 'No "NILAI CAPAIAN SKP" row found; the form’s final value is not compared.',
    }, { id: 'Periksa bahwa lembar ini formulir penilaian capaian SKP yang lengkap.', en: 'Check that this sheet is a complete SKP achievement form.' });
  }
  const when = form.period?.value.end.getTime() ?? 0;
  return {
    converted: {
      form,
      when,
      out: {
        file: g.file, sheet: g.sheet ?? null, nip, name,
        position: form.dinilai.jabatan?.value ?? null,
        unit: form.dinilai.unitKerja?.value ?? null,
        grade: form.dinilai.pangkat?.value ?? null,
        appraiserName: form.penilai.nama?.value ?? null,
        appraiserNip,
        periodStart: form.period ? isoDate(form.period.value.start) : null,
        periodEnd: form.period ? isoDate(form.period.value.end) : null,
        period,
        activities,
        tugasTambahan: form.tugasTambahan.duties.length,
        kreativitas,
        skp,
        stated: { nilaiCapaianSkp: form.final.value?.value ?? null, sebutan: form.final.sebutan?.value ?? null },
        perilaku: null,
        prestasi: null,
        differences: 0,
      },
    },
    indicators,
  };
}

const PERILAKU_NAMES: Record<string, Text> = {
  orientasiPelayanan: { id: 'Orientasi pelayanan', en: 'Service orientation' },
  integritas: { id: 'Integritas', en: 'Integrity' },
  komitmen: { id: 'Komitmen', en: 'Commitment' },
  disiplin: { id: 'Disiplin', en: 'Discipline' },
  kerjaSama: { id: 'Kerja sama', en: 'Cooperation' },
  kepemimpinan: { id: 'Kepemimpinan', en: 'Leadership' },
};

function applyPrestasi(ppk: PrestasiForm, target: Converted, parity: Parity, sink: IssueSink): void {
  const out = target.out;
  const who = { nip: out.nip, name: out.name };
  const p = ppk.perilaku;
  const missing = (['orientasiPelayanan', 'integritas', 'komitmen', 'disiplin', 'kerjaSama'] as const).filter((k) => p[k] === null);
  const sheetPlace: CellPlace = { file: ppk.grid.file, ...(ppk.grid.sheet !== undefined ? { sheet: ppk.grid.sheet } : {}) };
  if (missing.length > 0) {
    sink.error('PP46_PERILAKU_MISSING', sheetPlace, {
      id: `Nilai perilaku kerja tidak lengkap: ${missing.map((k) => PERILAKU_NAMES[k]!.id).join(', ')} tidak ditemukan.`,
      en: `Behaviour scores incomplete: ${missing.map((k) => PERILAKU_NAMES[k]!.en).join(', ')} not found.`,
    }, { id: 'Isi nilai setiap unsur perilaku di sebelah kanan namanya.', en: 'Fill in each behaviour score to the right of its name.' });
    return;
  }
  const structural = p.kepemimpinan !== null;
  let perilaku;
  try {
    perilaku = perilakuPp46({
      orientasiPelayanan: p.orientasiPelayanan!.value, integritas: p.integritas!.value, komitmen: p.komitmen!.value,
      disiplin: p.disiplin!.value, kerjaSama: p.kerjaSama!.value, kepemimpinan: p.kepemimpinan?.value ?? null,
    }, structural);
  } catch (e) {
    reportLegacy(sink, e, sheetPlace);
    return;
  }
  out.perilaku = { mean: perilaku.mean, count: perilaku.count };
  const values = Object.values(p).filter((x): x is Loc<number> => x !== null);
  parity.number(who, 'ppk.jumlah', { id: 'Jumlah nilai perilaku', en: 'Sum of behaviour scores' }, ppk.jumlah, values.reduce((s, x) => s + x.value, 0));
  parity.number(who, 'ppk.perilaku', { id: 'Nilai rata-rata perilaku', en: 'Mean behaviour score' }, ppk.mean, perilaku.mean);
  if (!out.skp) return;
  const prestasi = nilaiPrestasiKerjaPp46(out.skp.nilaiCapaianSkp, perilaku.mean);
  out.prestasi = { nilai: prestasi.nilaiPrestasiKerja, sebutan: prestasi.sebutan };
  parity.number(who, 'ppk.skp', { id: 'Nilai SKP pada lembar prestasi', en: 'SKP value on the performance sheet' }, ppk.skp, out.skp.nilaiCapaianSkp);
  parity.number(who, 'ppk.skp60', { id: 'SKP × 60%', en: 'SKP × 60%' }, ppk.skpPart, prestasi.skpPart);
  parity.number(who, 'ppk.perilaku40', { id: 'Perilaku × 40%', en: 'Behaviour × 40%' }, ppk.perilakuPart, prestasi.perilakuPart);
  parity.number(who, 'ppk.nilai', { id: 'Nilai prestasi kerja', en: 'Work performance value' }, ppk.nilai, prestasi.nilaiPrestasiKerja);
  parity.sebutan(who, 'ppk.sebutan', { id: 'Sebutan prestasi kerja', en: 'Work performance sebutan' }, ppk.sebutan, prestasi.sebutan, sink);
}

export interface SourceFile {
  path: string;
  display: string;
}

/** Converts the workbooks (each may hold several employees' forms on several sheets). */
export async function convertPp46(files: readonly SourceFile[], lang: Lang, sink: IssueSink): Promise<Pp46Conversion> {
  const parity = new Parity(lang);
  const converted: Converted[] = [];
  const indicators: IndicatorRow[] = [];
  for (const f of files) {
    let grids: Grid[];
    try {
      grids = await readGrids(f.path, f.display);
    } catch (e) {
      const io = e as { code?: string; place?: CellPlace; text?: Text; hint?: Text };
      if (io.code && io.place && io.text && io.hint) {
        sink.error(io.code, io.place, io.text, io.hint);
        continue;
      }
      throw e;
    }
    const forms: Converted[] = [];
    const prestasi: PrestasiForm[] = [];
    for (const g of grids) {
      const form = parseCapaianForm(g, sink);
      if (form) {
        const { converted: c, indicators: rows } = convertForm(form, parity, sink);
        forms.push(c);
        indicators.push(...rows);
      } else if (isPrestasiSheet(g)) prestasi.push(parsePrestasiForm(g));
    }
    if (forms.length === 0) {
      sink.error('PP46_FORM_NOT_FOUND', { file: f.display }, {
        id: 'Tidak ada lembar "Penilaian Capaian Sasaran Kerja Pegawai" (judul kolom TARGET dan REALISASI) di berkas ini.',
        en: 'No "Penilaian Capaian Sasaran Kerja Pegawai" sheet (TARGET and REALISASI column headers) in this file.',
      }, {
        id: 'Pastikan berkas berisi formulir penilaian capaian SKP PP 46/2011; untuk tabel biasa gunakan appraise import.',
        en: 'Make sure the file holds a PP 46/2011 SKP achievement form; for plain tables use appraise import.',
      });
    }
    for (const ppk of prestasi) {
      const ppkNip = formNip(ppk.nip, sink, { id: 'pegawai yang dinilai', en: 'appraised employee' });
      const match = ppkNip ? forms.find((c) => c.out.nip === ppkNip) : forms.length === 1 ? forms[0] : undefined;
      if (!match) {
        sink.warning('PP46_PRESTASI_UNPAIRED', { file: ppk.grid.file, ...(ppk.grid.sheet !== undefined ? { sheet: ppk.grid.sheet } : {}) }, {
          id: `Lembar penilaian prestasi kerja${ppkNip ? ` (NIP ${ppkNip})` : ''} tidak dapat dipasangkan dengan formulir capaian SKP di berkas ini; tidak dibandingkan.`,
          en: `The performance sheet${ppkNip ? ` (NIP ${ppkNip})` : ''} cannot be paired with an SKP achievement form in this file; not compared.`,
        }, {
          id: 'Tulis NIP pegawai pada lembar prestasi kerja yang sama dengan NIP pada formulir capaian SKP.',
          en: 'Put the employee’s NIP on the performance sheet, the same as on the SKP achievement form.',
        });
        continue;
      }
      applyPrestasi(ppk, match, parity, sink);
    }
    converted.push(...forms);
  }

  // The same employee in several forms (several years in one folder): the roster keeps the latest.
  const roster = new Map<string, { row: RosterRow; when: number }>();
  const seenIn = new Map<string, string[]>();
  for (const c of converted) {
    const o = c.out;
    if (!o.nip) continue;
    const where = formatPlace({ file: o.file, ...(o.sheet !== null ? { sheet: o.sheet } : {}) });
    seenIn.set(o.nip, [...(seenIn.get(o.nip) ?? []), where]);
    const prev = roster.get(o.nip);
    if (!prev || c.when >= prev.when) {
      roster.set(o.nip, {
        when: c.when,
        row: { nip: o.nip, name: o.name, position: o.position, unit: o.unit, grade: o.grade, supervisorNip: o.appraiserNip, source: where },
      });
    }
  }
  for (const [nip, places] of seenIn) {
    if (places.length < 2) continue;
    sink.warning('PP46_NIP_REPEATED', { file: places[1]!.split('!')[0]! }, {
      id: `NIP ${nip} dinilai pada ${places.length} formulir (${places.join(', ')}); daftar pegawai memakai yang terakhir, dan baris indikatornya berkode sama.`,
      en: `NIP ${nip} is appraised in ${places.length} forms (${places.join(', ')}); the roster uses the latest, and its indicator rows share codes.`,
    }, {
      id: 'Konversi formulir tiap periode secara terpisah (kolom Periode menunjukkan asal tiap baris).',
      en: 'Convert each period’s forms separately (the Periode column shows where each row comes from).',
    });
  }
  for (const c of converted) {
    c.out.differences = parity.items.filter((p) => !p.agree && p.nip === c.out.nip && p.place.startsWith(c.out.file)).length;
  }
  return {
    files: files.map((f) => f.display),
    employees: converted.map((c) => c.out),
    indicators,
    roster: [...roster.values()].map((r) => r.row),
    parity: parity.items,
  };
}
