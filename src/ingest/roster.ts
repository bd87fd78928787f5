import type { IssueSink } from '../domain/issues.js';
import { formatPlace } from '../domain/place.js';
import type { CellPlace } from '../domain/place.js';
import type { Period } from '../domain/period.js';
import { isoDate } from '../domain/period.js';
import type { Employee, EmploymentStatus, PositionType } from '../engine/types.js';
import type { OpenedTable } from '../io/table.js';
import { rowBatches } from '../io/table.js';
import { ENUMS } from './columns.js';
import { RowReader, normaliseKey } from './row.js';
import type { RowCounts } from './counts.js';
import { newCounts } from './counts.js';

const POSITION_TYPES: Record<string, PositionType> = Object.fromEntries(
  ENUMS.positionType.map((p) => [normaliseKey(p), p]),
) as Record<string, PositionType>;
Object.assign(POSITION_TYPES, {
  jabatanpimpinantinggi: 'jpt', pimpinantinggi: 'jpt', jabatanadministrator: 'administrator',
  jabatanpengawas: 'pengawas', jabatanfungsional: 'fungsional', jabatanpelaksana: 'pelaksana',
  jfu: 'pelaksana', jft: 'fungsional',
});
const STATUSES: Record<string, EmploymentStatus> = { pns: 'PNS', pppk: 'PPPK', cpns: 'PNS' };

export interface RosterResult {
  employees: Map<string, Employee>;
  /** NIPs whose roster rows were all rejected as duplicates: their other rows are not "unknown". */
  rejectedNips: Set<string>;
  /** NIPs whose only assignment lies outside the period. */
  inactiveNips: Set<string>;
  counts: RowCounts;
}

interface Candidate {
  employee: Employee;
  /** The row, for the NIP cell's place when the NIP is a duplicate (made only then: most rows never need it). */
  reader: RowReader;
}

/**
 * Roster rows → employees (SPEC §2). A NIP may appear on several rows only as a transfer within
 * the period: non-overlapping Mulai/Selesai dates. The assignment current at the end of the period
 * (else the latest one in it) gives the unit; the others are recorded. Any other repeat of a NIP
 * is an error and all its rows are rejected: the tool cannot know which one is right.
 */
export async function ingestRoster(table: OpenedTable, period: Period, sink: IssueSink): Promise<RosterResult> {
  const counts = newCounts();
  const byNip = new Map<string, Candidate[]>();
  const servicesLists = new Map<string, string[]>();
  for await (const batch of rowBatches(table.rows())) for (const tableRow of batch) {
    counts.read++;
    const r = new RowReader(tableRow, sink);
    const status = r.choice('status', 'Status', STATUSES, null, ENUMS.status);
    const nip = r.nip('nip', 'NIP', true, status === 'PPPK');
    const name = r.text('name', 'Nama', true);
    const position = r.text('position', 'Jabatan', true);
    const positionType = r.choice('positionType', 'Jenis Jabatan', POSITION_TYPES, null, ENUMS.positionType);
    const unit = r.text('unit', 'Unit Kerja', true);
    const grade = r.text('grade', 'Golongan');
    const supervisorNip = r.nip('supervisorNip', 'NIP Atasan', false);
    const servicesText = r.text('services', 'Layanan');
    const start = r.date('start', 'Mulai', false);
    const end = r.date('end', 'Selesai', false);
    if (start && end && end.getTime() < start.getTime()) {
      r.error('end', 'ASSIGNMENT_DATES', {
        id: `Selesai (${isoDate(end)}) lebih awal dari Mulai (${isoDate(start)}).`,
        en: `Selesai (${isoDate(end)}) is before Mulai (${isoDate(start)}).`,
      }, { id: 'Periksa kedua tanggal penugasan.', en: 'Check both assignment dates.' });
    }
    if (nip && supervisorNip && nip === supervisorNip) {
      r.error('supervisorNip', 'SUPERVISOR_SELF', { id: 'NIP Atasan sama dengan NIP pegawai.', en: 'NIP Atasan is the employee’s own NIP.' },
        { id: 'Isi NIP pejabat penilai, atau kosongkan untuk pimpinan tertinggi.', en: 'Enter the appraiser’s NIP, or leave it empty for the top official.' });
    }
    if (!r.ok || !nip || !name || !position || !unit || positionType === undefined || status === undefined) {
      counts.rejected++;
      continue;
    }
    const employee: Employee = {
      nip, name, position, positionType, unit,
      grade: grade ?? null, status,
      supervisorNip: supervisorNip ?? null,
      services: servicesList(servicesLists, servicesText ?? null),
      assignmentStart: start ?? null,
      assignmentEnd: end ?? null,
      place: tableRow.place,
    };
    const list = byNip.get(nip) ?? [];
    list.push({ employee, reader: r });
    byNip.set(nip, list);
  }

  const employees = new Map<string, Employee>();
  const rejectedNips = new Set<string>();
  const inactiveNips = new Set<string>();
  for (const [nip, list] of byNip) {
    if (list.length === 1) {
      const only = list[0]!.employee;
      if (activeIn(only, period)) employees.set(nip, only);
      else {
        inactiveNips.add(nip);
        sink.warning('ASSIGNMENT_OUTSIDE_PERIOD', only.place, {
          id: `NIP ${nip}: penugasan (Mulai/Selesai) berada di luar periode ${period.id}; tidak dinilai.`,
          en: `NIP ${nip}: the assignment (Mulai/Selesai) lies outside period ${period.id}; not appraised.`,
        }, { id: 'Periksa tanggal Mulai/Selesai jika pegawai ini seharusnya dinilai.', en: 'Check Mulai/Selesai if this employee should be appraised.' });
      }
      continue;
    }
    const chosen = resolveTransfer(list.map((c) => c.employee), period);
    if (chosen) {
      employees.set(nip, chosen);
      for (const other of list) {
        if (other.employee === chosen) continue;
        sink.warning('TRANSFER', other.employee.place, {
          id: `NIP ${nip} pindah unit dalam periode: ${other.employee.unit} → ${chosen.unit}; dinilai di ${chosen.unit} (penugasan terakhir).`,
          en: `NIP ${nip} moved within the period: ${other.employee.unit} → ${chosen.unit}; appraised in ${chosen.unit} (latest assignment).`,
        }, { id: 'Tidak perlu tindakan jika perpindahan ini benar.', en: 'No action needed if this transfer is right.' });
      }
      continue;
    }
    const places = list.map((c) => formatPlace(c.employee.place)).join(', ');
    for (const c of list) {
      sink.error('NIP_DUPLICATE', c.reader.place('nip'), {
        id: `NIP ${nip} muncul ${list.length} kali di daftar pegawai (${places}); semua barisnya ditolak.`,
        en: `NIP ${nip} appears ${list.length} times in the roster (${places}); all its rows are rejected.`,
      }, {
        id: 'Hapus baris ganda, atau untuk mutasi isi Mulai/Selesai yang tidak tumpang tindih.',
        en: 'Remove the duplicate rows, or for a transfer fill in non-overlapping Mulai/Selesai dates.',
      });
      counts.rejected++;
    }
    rejectedNips.add(nip);
  }
  // A supervisor in the roster: their NIP string, not a copy per employee (kept for the whole run).
  for (const e of employees.values()) {
    if (e.supervisorNip !== null) e.supervisorNip = employees.get(e.supervisorNip)?.nip ?? e.supervisorNip;
  }
  counts.accepted = counts.read - counts.rejected;
  return { employees, rejectedNips, inactiveNips, counts };
}

/**
 * The services of a roster cell as one frozen list per distinct cell text (`lists`, one roster's),
 * shared by every employee with that text (most serve one of a unit's few services, many none)
 * instead of a list and its codes per employee.
 */
const NO_SERVICES = Object.freeze([]) as unknown as string[];
function servicesList(lists: Map<string, string[]>, text: string | null): string[] {
  if (!text) return NO_SERVICES;
  let list = lists.get(text);
  if (list === undefined) lists.set(text, (list = Object.freeze(splitServices(text)) as string[]));
  return list;
}

export function splitServices(text: string): string[] {
  const codes = text.split(/[;,\n]/).map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  return [...new Set(codes)];
}

/**
 * Picks the assignment of a transferred employee: rows must not overlap; the one running at the
 * end of the period wins, else the one that started last within the period. Null = not a transfer.
 */
function resolveTransfer(rows: Employee[], period: Period): Employee | null {
  const start = (e: Employee) => e.assignmentStart?.getTime() ?? Number.NEGATIVE_INFINITY;
  const end = (e: Employee) => e.assignmentEnd?.getTime() ?? Number.POSITIVE_INFINITY;
  const sorted = [...rows].sort((a, b) => start(a) - start(b));
  for (let i = 1; i < sorted.length; i++) {
    if (start(sorted[i]!) <= end(sorted[i - 1]!)) return null;
  }
  const inPeriod = sorted.filter((e) => activeIn(e, period));
  if (inPeriod.length === 0) return null;
  return inPeriod[inPeriod.length - 1]!;
}

function activeIn(e: Employee, period: Period): boolean {
  const startsBeforeEnd = e.assignmentStart === null || e.assignmentStart.getTime() <= period.end.getTime();
  const endsAfterStart = e.assignmentEnd === null || e.assignmentEnd.getTime() >= period.start.getTime();
  return startsBeforeEnd && endsAfterStart;
}
