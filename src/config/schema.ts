import { z } from 'zod';

/**
 * appraise.config.yaml. Policy choices of SPEC §3–§5 live here with the SPEC's defaults; the law
 * itself (bands, the matrix) does not. Unknown keys are rejected so that a typo is not ignored.
 */
const positive = z.number().positive();

export const aspectSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and -'),
  label: z.string().min(1),
  weight: positive,
  /** indicators: scored from the indicator file; feedback: from the citizen survey (IKM). */
  source: z.enum(['indicators', 'feedback']).default('indicators'),
});

export const REGIMES = ['permenpan-6-2022', 'pp-30-2019', 'pp-46-2011'] as const;
export type Regime = (typeof REGIMES)[number];

export const INPUT_KINDS = ['pegawai', 'indikator', 'perilaku', 'unit', 'umpan-balik', 'katalog-pelatihan'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const configSchema = z.strictObject({
  organisation: z.string().min(1).default('Pemerintah Daerah'),
  regime: z.enum(REGIMES).default('permenpan-6-2022'),
  language: z.enum(['id', 'en']).default('id'),
  periodType: z.enum(['quarter', 'semester', 'year', 'month']).default('quarter'),
  paths: z
    .strictObject({
      data: z.string().default('data'),
      output: z.string().default('laporan'),
    })
    .default({ data: 'data', output: 'laporan' }),
  aspects: z
    .array(aspectSchema)
    .min(1)
    .default([
      { key: 'produktivitas', label: 'Produktivitas', weight: 40, source: 'indicators' },
      { key: 'kualitas-layanan', label: 'Kualitas Layanan', weight: 30, source: 'indicators' },
      { key: 'kepuasan-masyarakat', label: 'Kepuasan Masyarakat', weight: 30, source: 'feedback' },
    ]),
  scoring: z
    .strictObject({
      capaianCap: positive.default(120),
      missing: z.enum(['pending', 'zero', 'exclude']).default('pending'),
      missingAspect: z.enum(['renormalise', 'zero', 'pending']).default('renormalise'),
      diAtasThreshold: positive.default(110),
      sesuaiThreshold: positive.default(90),
    })
    .default({ capaianCap: 120, missing: 'pending', missingAspect: 'renormalise', diAtasThreshold: 110, sesuaiThreshold: 90 }),
  feedback: z
    .strictObject({
      ikmTarget: positive.default(76.61),
      ikmWeight: z.enum(['exact', 'permen']).default('exact'),
      minRespondentsOfficer: z.number().int().positive().default(30),
    })
    .default({ ikmTarget: 76.61, ikmWeight: 'exact', minRespondentsOfficer: 30 }),
  behaviour: z
    .strictObject({
      raterWeights: z
        .strictObject({
          atasan: z.number().min(0).default(100),
          rekan: z.number().min(0).default(0),
          bawahan: z.number().min(0).default(0),
          diri: z.number().min(0).default(0),
        })
        .default({ atasan: 100, rekan: 0, bawahan: 0, diri: 0 }),
    })
    .default({ raterWeights: { atasan: 100, rekan: 0, bawahan: 0, diri: 0 } }),
  curve: z
    .strictObject({
      minimumRounding: z.enum(['ceil', 'round', 'floor']).default('ceil'),
      maximumRounding: z.enum(['floor', 'round', 'ceil']).default('floor'),
    })
    .default({ minimumRounding: 'ceil', maximumRounding: 'floor' }),
  training: z
    .strictObject({
      aspectThreshold: positive.default(90),
      indicatorThreshold: positive.default(80),
      maxProgramsPerEmployee: z.number().int().positive().default(3),
    })
    .default({ aspectThreshold: 90, indicatorThreshold: 80, maxProgramsPerEmployee: 3 }),
  reports: z
    .strictObject({
      detailSheetMaxRows: z.number().int().positive().max(1_048_575).default(200_000),
    })
    .default({ detailSheetMaxRows: 200_000 }),
  /** Per input kind: a foreign header → our canonical column key (e.g. pegawai: {"NIP Baru": nip}). */
  columns: z.partialRecord(z.enum(INPUT_KINDS), z.record(z.string(), z.string())).default({}),
});

export type Config = z.infer<typeof configSchema>;
export type AspectConfig = z.infer<typeof aspectSchema>;

export function defaultConfig(): Config {
  return configSchema.parse({});
}
