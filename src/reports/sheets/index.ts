import { ekinerjaSheet } from './ekinerja.js';
import { ikmSheet } from './ikm.js';
import { indikatorSheet } from './indikator.js';
import { masalahDataSheet } from './masalah-data.js';
import { metodologiSheet } from './metodologi.js';
import { pegawaiSheet } from './pegawai.js';
import { pelatihanSheet } from './pelatihan.js';
import { perilakuSheet } from './perilaku.js';
import { ringkasanSheet } from './ringkasan.js';
import { trenSheet } from './tren.js';
import type { SheetBuilder } from './types.js';
import { unitSheet } from './unit.js';

/**
 * The sheets of laporan-kinerja-<period>.xlsx, in workbook order. A new sheet (Perilaku, Unit,
 * IKM, Pelatihan) is one module under sheets/ and one entry here.
 */
export const SHEETS: readonly SheetBuilder[] = [
  ringkasanSheet,
  pegawaiSheet,
  indikatorSheet,
  perilakuSheet,
  unitSheet,
  ekinerjaSheet,
  trenSheet,
  ikmSheet,
  pelatihanSheet,
  masalahDataSheet,
  metodologiSheet,
];

export type { SheetBuilder, SheetContent, SheetBlock, ColumnDef, ColumnType, CellData, StyledCell } from './types.js';
