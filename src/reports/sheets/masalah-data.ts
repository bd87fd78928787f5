import type { Lang, Text } from '../../domain/i18n.js';
import type { Severity } from '../../domain/issues.js';
import { formatPlace } from '../../domain/place.js';
import type { RunResult } from '../../pipeline/types.js';
import { severityLabel, sortedIssues } from '../common.js';
import type { CellData, ColumnDef, SheetBuilder, SheetContent } from './types.js';

const H = {
  place: { id: 'Tempat', en: 'Place' },
  file: { id: 'Berkas', en: 'File' },
  sheet: { id: 'Sheet', en: 'Sheet' },
  row: { id: 'Baris', en: 'Row' },
  column: { id: 'Kolom', en: 'Column' },
  code: { id: 'Kode', en: 'Code' },
  severity: { id: 'Tingkat', en: 'Severity' },
  message: { id: 'Pesan', en: 'Message' },
  hint: { id: 'Saran', en: 'Hint' },
} satisfies Record<string, Text>;

const SEVERITY_FILLS: Record<Severity, string | undefined> = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  info: undefined,
};

/** Every data issue with its place, ordered by file, sheet, row and column. */
export function buildMasalahData(run: RunResult, lang: Lang): SheetContent {
  const columns: ColumnDef[] = [
    { header: H.place[lang], type: 'general', width: 30 },
    { header: H.file[lang], type: 'general', width: 24 },
    { header: H.sheet[lang], type: 'general', width: 12 },
    { header: H.row[lang], type: 'integer', width: 8 },
    { header: H.column[lang], type: 'general', width: 8 },
    { header: H.code[lang], type: 'general', width: 18 },
    { header: H.severity[lang], type: 'general', width: 12 },
    { header: H.message[lang], type: 'general', width: 60 },
    { header: H.hint[lang], type: 'general', width: 60 },
  ];
  const rows = sortedIssues(run.issues).map((i): CellData[] => {
    const fill = SEVERITY_FILLS[i.severity];
    const severity = severityLabel(i.severity, lang);
    return [
      formatPlace(i),
      i.file,
      i.sheet ?? null,
      i.row ?? null,
      i.column ?? null,
      i.code,
      fill === undefined ? severity : { value: severity, fill },
      i.message,
      i.hint,
    ];
  });
  return { blocks: [{ columns, rows }] };
}

export const masalahDataSheet: SheetBuilder = { name: 'Masalah Data', build: buildMasalahData };
