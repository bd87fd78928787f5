import { ikmSheet } from './ikm.js';
import { indikatorSheet } from './indikator.js';
import { masalahDataSheet } from './masalah-data.js';
import { metodologiSheet } from './metodologi.js';
import { pegawaiSheet } from './pegawai.js';
import { pelatihanSheet } from './pelatihan.js';
import { ringkasanSheet } from './ringkasan.js';
import type { SheetBuilder } from './types.js';

/**
 * The sheets of laporan-kinerja-<period>.xlsx, in workbook order. A new sheet (Perilaku, Unit,
 * IKM, Pelatihan) is one module under sheets/ and one entry here.
 */
export const SHEETS: readonly SheetBuilder[] = [ringkasanSheet, pegawaiSheet, indikatorSheet, ikmSheet, pelatihanSheet, masalahDataSheet, metodologiSheet];

export type { SheetBuilder, SheetContent, SheetBlock, ColumnDef, ColumnType, CellData, StyledCell } from './types.js';
