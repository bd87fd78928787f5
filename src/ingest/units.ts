import type { IssueSink } from '../domain/issues.js';
import type { CellPlace } from '../domain/place.js';
import { formatPlace } from '../domain/place.js';
import { parseOrgPredikat, type OrgPredikat } from '../engine/predikat.js';
import type { Employee } from '../engine/types.js';
import type { OpenedTable } from '../io/table.js';
import { ENUMS } from './columns.js';
import type { RowCounts } from './counts.js';
import { newCounts } from './counts.js';
import { RowReader } from './row.js';

/**
 * Unit file (unit, SPEC §2): each unit's organisational predikat, its leader and the number of
 * people it served in the period. Units are matched to the roster's units ignoring case and
 * repeated spaces, and carry the roster's spelling from then on.
 */

export interface UnitRecord {
  /** The unit as the roster spells it. */
  unit: string;
  orgPredikat: OrgPredikat;
  leaderNip: string | null;
  /** Jumlah Penerima Layanan: people served in the period (for the survey sample size, SPEC §4). */
  population: number | null;
  places: { row: CellPlace; orgPredikat: CellPlace; leaderNip: CellPlace; population: CellPlace };
}

export interface UnitIngestResult {
  /** By the roster's unit name. */
  byUnit: Map<string, UnitRecord>;
  counts: RowCounts;
}

export interface UnitIngestContext {
  roster: ReadonlyMap<string, Employee>;
}

export function unitKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export async function ingestUnits(table: OpenedTable, ctx: UnitIngestContext, sink: IssueSink): Promise<UnitIngestResult> {
  const counts = newCounts();
  const byUnit = new Map<string, UnitRecord>();
  const rosterUnits = new Map<string, string>();
  for (const e of ctx.roster.values()) rosterUnits.set(unitKey(e.unit), e.unit);
  const known = [...new Set(rosterUnits.values())].sort();

  for await (const tableRow of table.rows()) {
    counts.read++;
    const r = new RowReader(tableRow, sink);
    const unitText = r.text('unit', 'Unit Kerja', true);
    const orgText = r.text('orgPredikat', 'Predikat Organisasi', true);
    const leaderNip = r.nip('leaderNip', 'NIP Pimpinan', false);
    const population = r.number('population', 'Jumlah Penerima Layanan', false);

    let unit: string | undefined;
    if (unitText) {
      unit = rosterUnits.get(unitKey(unitText));
      if (unit === undefined) {
        r.error('unit', 'UNIT_UNKNOWN', {
          id: `Unit Kerja '${unitText}' tidak ada di daftar pegawai.`,
          en: `Unit Kerja '${unitText}' is not a unit of the roster.`,
        }, {
          id: `Tulis nama unit sama dengan di daftar pegawai: ${known.join('; ')}.`,
          en: `Spell the unit as the roster does: ${known.join('; ')}.`,
        });
      } else if (byUnit.has(unit)) {
        r.error('unit', 'UNIT_DUPLICATE', {
          id: `Unit Kerja '${unit}' sudah ada di ${formatPlace(byUnit.get(unit)!.places.row)}.`,
          en: `Unit Kerja '${unit}' already appears at ${formatPlace(byUnit.get(unit)!.places.row)}.`,
        }, { id: 'Satu unit, satu baris: hapus baris ganda.', en: 'One row per unit: delete the duplicate.' });
      }
    }
    let org: OrgPredikat | null = null;
    if (orgText) {
      org = parseOrgPredikat(orgText);
      if (org === null) {
        r.error('orgPredikat', 'ORG_PREDIKAT_UNKNOWN', {
          id: `Predikat Organisasi '${orgText}' tidak dikenal.`,
          en: `Predikat Organisasi '${orgText}' is not recognised.`,
        }, { id: `Gunakan salah satu: ${ENUMS.orgPredikat.join(', ')}.`, en: `Use one of: ${ENUMS.orgPredikat.join(', ')}.` });
      }
    }
    if (leaderNip) {
      const leader = ctx.roster.get(leaderNip);
      if (!leader) {
        r.error('leaderNip', 'LEADER_UNKNOWN', {
          id: `NIP Pimpinan ${leaderNip} tidak ada di daftar pegawai.`,
          en: `NIP Pimpinan ${leaderNip} is not in the roster.`,
        }, { id: 'Perbaiki NIP pimpinan, atau tambahkan pimpinan ke daftar pegawai.', en: 'Correct the leader NIP, or add the leader to the roster.' });
      } else if (unit !== undefined && leader.unit !== unit) {
        r.error('leaderNip', 'LEADER_OTHER_UNIT', {
          id: `NIP Pimpinan ${leaderNip} (${leader.name}) bekerja di unit '${leader.unit}', bukan '${unit}'.`,
          en: `NIP Pimpinan ${leaderNip} (${leader.name}) works in '${leader.unit}', not in '${unit}'.`,
        }, { id: 'Isi NIP pimpinan unit ini, atau perbaiki unitnya di daftar pegawai.', en: "Enter this unit's leader, or correct the leader's unit in the roster." });
      }
    }
    if (population !== undefined && population !== null && (!Number.isInteger(population) || population < 0)) {
      r.error('population', 'POPULATION_INVALID', {
        id: `Jumlah Penerima Layanan ${population} harus bilangan bulat 0 atau lebih.`,
        en: `Jumlah Penerima Layanan ${population} must be a whole number of 0 or more.`,
      }, { id: 'Isi jumlah orang yang dilayani dalam periode, tanpa desimal.', en: 'Enter the number of people served in the period, without decimals.' });
    }

    if (!r.ok || !unit || !org || leaderNip === undefined || population === undefined) {
      counts.rejected++;
      continue;
    }
    byUnit.set(unit, {
      unit,
      orgPredikat: org,
      leaderNip: leaderNip ?? null,
      population: population ?? null,
      places: { row: tableRow.place, orgPredikat: r.place('orgPredikat'), leaderNip: r.place('leaderNip'), population: r.place('population') },
    });
    counts.accepted++;
  }
  return { byUnit, counts };
}
