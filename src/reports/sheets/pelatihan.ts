import type { Lang } from '../../domain/i18n.js';
import type { RunResult } from '../../pipeline/types.js';
import { employeeColumns, employeeRows, programBlocks, unitBlock, unmatchedBlock } from '../training.js';
import type { SheetBuilder, SheetContent } from './types.js';

/**
 * Pelatihan (SPEC §6): the per-employee recommendations first (frozen and filtered), then the plan
 * per program, per unit and the gaps no catalogue program answers. The same tables as
 * rekomendasi-pelatihan-<period>.xlsx.
 */
export function buildPelatihan(run: RunResult, lang: Lang): SheetContent {
  const [programs, participants] = programBlocks(run, lang);
  const tr = (id: string, en: string) => (lang === 'id' ? id : en);
  return {
    blocks: [
      { columns: employeeColumns(lang), rows: employeeRows(run, lang) },
      { ...programs!, title: tr('Rencana per program', 'Plan per programme') },
      participants!,
      { ...unitBlock(run, lang), title: tr('Rencana per unit kerja', 'Plan per work unit') },
      { ...unmatchedBlock(run, lang), title: tr('Celah tanpa program di katalog', 'Gaps with no programme in the catalogue') },
    ],
  };
}

export const pelatihanSheet: SheetBuilder = { name: 'Pelatihan', build: buildPelatihan };
