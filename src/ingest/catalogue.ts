import type { AspectConfig } from '../config/schema.js';
import type { Text } from '../domain/i18n.js';
import type { IssueSink } from '../domain/issues.js';
import { formatPlace } from '../domain/place.js';
import { BERAKHLAK_KEYS, type BerakhlakKey } from '../engine/behaviour.js';
import { UNSUR_KEYS } from '../engine/ikm.js';
import { PREDIKAT_SASARAN, SASARAN_PREFIX, type GapKind, type Sasaran, type TrainingProgram } from '../engine/training.js';
import type { OpenedTable } from '../io/table.js';
import { BERAKHLAK_VALUES, UNSUR } from './columns.js';
import type { RowCounts } from './counts.js';
import { newCounts } from './counts.js';
import { RowReader, normaliseKey } from './row.js';

/**
 * katalog-pelatihan (SPEC §2): Kode*, Program*, Sasaran*, JP, Moda, Penyelenggara.
 *
 * Sasaran is one or more `kind:key` separated by `;` (or a line break):
 *   predikat:butuh-perbaikan | predikat:kurang | predikat:sangat-kurang
 *   aspek:<configured aspect key or label>
 *   perilaku:<BerAKHLAK value, e.g. berorientasi-pelayanan>
 *   unsur:U1..U9 (or the unsur name)
 *   indikator:<indicator code>
 * An unknown sasaran rejects the row at its cell, with the list of valid ones: a program that
 * silently matches nothing would hide a gap. Kode is unique (case-insensitive).
 */

export interface CatalogueResult {
  programs: TrainingProgram[];
  counts: RowCounts;
}

export interface CatalogueContext {
  aspects: readonly AspectConfig[];
}

const KIND_ALIASES: Record<string, GapKind> = {
  predikat: 'predikat',
  aspek: 'aspect', aspect: 'aspect',
  perilaku: 'behaviour', behaviour: 'behaviour', behavior: 'behaviour', berakhlak: 'behaviour',
  unsur: 'unsur', element: 'unsur',
  indikator: 'indicator', indicator: 'indicator', iki: 'indicator',
};

function keyAliases(ctx: CatalogueContext): Record<Exclude<GapKind, 'indicator'>, Record<string, string>> {
  const predikat: Record<string, string> = {};
  for (const key of Object.values(PREDIKAT_SASARAN)) predikat[normaliseKey(key)] = key;
  const aspect: Record<string, string> = {};
  for (const a of ctx.aspects) {
    aspect[normaliseKey(a.key)] = a.key;
    aspect[normaliseKey(a.label)] = a.key;
  }
  const behaviour: Record<string, BerakhlakKey> = {};
  for (const v of BERAKHLAK_VALUES) {
    behaviour[normaliseKey(v.key)] = v.key;
    behaviour[normaliseKey(v.en)] = v.key;
  }
  const unsur: Record<string, string> = {};
  for (const u of UNSUR) {
    unsur[normaliseKey(u.key)] = u.key;
    unsur[normaliseKey(u.header)] = u.key;
  }
  return { predikat, aspect, behaviour, unsur };
}

function validList(ctx: CatalogueContext): string {
  return [
    ...Object.values(PREDIKAT_SASARAN).map((k) => `predikat:${k}`),
    ...ctx.aspects.map((a) => `aspek:${a.key}`),
    ...BERAKHLAK_KEYS.map((k) => `perilaku:${k}`),
    `unsur:${UNSUR_KEYS[0]}..${UNSUR_KEYS[UNSUR_KEYS.length - 1]}`,
    'indikator:<kode>',
  ].join(', ');
}

type Parsed = { ok: true; sasaran: Sasaran } | { ok: false; message: Text };

function parseOne(item: string, aliases: ReturnType<typeof keyAliases>): Parsed {
  const m = /^([^:]+):(.*)$/.exec(item);
  const kind = m ? KIND_ALIASES[normaliseKey(m[1]!)] : undefined;
  if (!m || kind === undefined) {
    return {
      ok: false,
      message: {
        id: `Sasaran '${item}' tidak dikenal: awali dengan predikat:, aspek:, perilaku:, unsur: atau indikator:.`,
        en: `Sasaran '${item}' is not recognised: start it with predikat:, aspek:, perilaku:, unsur: or indikator:.`,
      },
    };
  }
  const rawKey = m[2]!.trim();
  if (kind === 'indicator') {
    if (rawKey === '') {
      return { ok: false, message: { id: `Sasaran '${item}' tidak menyebut kode indikator.`, en: `Sasaran '${item}' names no indicator code.` } };
    }
    return { ok: true, sasaran: { kind, key: rawKey.toUpperCase() } };
  }
  const key = aliases[kind][normaliseKey(rawKey)];
  if (key === undefined) {
    return {
      ok: false,
      message: {
        id: `Sasaran '${item}' tidak dikenal: ${SASARAN_PREFIX[kind]} '${rawKey}' tidak ada.`,
        en: `Sasaran '${item}' is not recognised: there is no ${SASARAN_PREFIX[kind]} '${rawKey}'.`,
      },
    };
  }
  return { ok: true, sasaran: { kind, key } };
}

/** Catalogue rows → programs (SPEC §2, §5). */
export async function ingestCatalogue(table: OpenedTable, ctx: CatalogueContext, sink: IssueSink): Promise<CatalogueResult> {
  const counts = newCounts();
  const programs: TrainingProgram[] = [];
  const seen = new Map<string, string>();
  const aliases = keyAliases(ctx);
  const valid = validList(ctx);

  for await (const tableRow of table.rows()) {
    counts.read++;
    const r = new RowReader(tableRow, sink);
    const code = r.text('code', 'Kode', true);
    const name = r.text('program', 'Program', true);
    const targetsText = r.text('targets', 'Sasaran', true);
    const hours = r.number('hours', 'JP', false);
    const mode = r.text('mode', 'Moda');
    const provider = r.text('provider', 'Penyelenggara');

    const targets: Sasaran[] = [];
    if (targetsText) {
      const items = targetsText.split(/[;\n]/).map((s) => s.trim()).filter((s) => s !== '');
      const bad: Text[] = [];
      for (const item of items) {
        const p = parseOne(item, aliases);
        if (!p.ok) bad.push(p.message);
        else if (!targets.some((t) => t.kind === p.sasaran.kind && t.key === p.sasaran.key)) targets.push(p.sasaran);
      }
      for (const message of bad) {
        r.error('targets', 'SASARAN_UNKNOWN', message, {
          id: `Sasaran yang berlaku (pisahkan dengan ;): ${valid}.`,
          en: `Valid sasaran (separate with ;): ${valid}.`,
        });
      }
      if (items.length === 0) {
        r.error('targets', 'REQUIRED_MISSING', { id: 'Sasaran wajib diisi, tetapi kosong.', en: 'Sasaran is required but empty.' },
          { id: `Isi satu atau beberapa sasaran: ${valid}.`, en: `Enter one or more sasaran: ${valid}.` });
      }
    }
    if (hours !== undefined && hours !== null && !(hours > 0)) {
      r.error('hours', 'HOURS_NOT_POSITIVE', { id: `JP ${hours} harus lebih dari 0.`, en: `JP ${hours} must be above 0.` },
        { id: 'Isi jumlah jam pelajaran (JP) positif, mis. 24.', en: 'Enter a positive number of hours (JP), e.g. 24.' });
    }
    if (code) {
      const key = code.toUpperCase();
      const first = seen.get(key);
      if (first) {
        r.error('code', 'PROGRAM_DUPLICATE', {
          id: `Kode program ${code} sudah ada di ${first}.`,
          en: `Programme code ${code} already appears at ${first}.`,
        }, { id: 'Beri kode yang berbeda atau hapus baris ganda.', en: 'Give it a different code or remove the duplicate row.' });
      } else seen.set(key, formatPlace(r.place('code')));
    }

    if (!r.ok || !code || !name || targets.length === 0 || hours === undefined || mode === undefined || provider === undefined) {
      counts.rejected++;
      continue;
    }
    if (hours === null) {
      r.warning('hours', 'HOURS_MISSING', {
        id: `JP program ${code} kosong: total JP rencana pelatihan program ini tidak dapat dihitung.`,
        en: `JP of programme ${code} is empty: the plan cannot total the hours of this programme.`,
      }, { id: 'Isi jumlah jam pelajaran (JP).', en: 'Enter the number of hours (JP).' });
    }
    programs.push({
      code, name, targets, hours, mode: mode ?? null, provider: provider ?? null, place: tableRow.place,
    });
    counts.accepted++;
  }
  return { programs, counts };
}
