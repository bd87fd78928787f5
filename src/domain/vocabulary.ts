/**
 * The regulations' fixed vocabularies, shared by ingest (column headers) and the engine (scoring):
 * the seven BerAKHLAK core values (SE MenPANRB 20/2021) and the nine unsur of the citizen survey.
 */
export const BERAKHLAK_VALUES = [
  { key: 'berorientasi-pelayanan', header: 'Berorientasi Pelayanan', en: 'Service Oriented' },
  { key: 'akuntabel', header: 'Akuntabel', en: 'Accountable' },
  { key: 'kompeten', header: 'Kompeten', en: 'Competent' },
  { key: 'harmonis', header: 'Harmonis', en: 'Harmonious' },
  { key: 'loyal', header: 'Loyal', en: 'Loyal' },
  { key: 'adaptif', header: 'Adaptif', en: 'Adaptive' },
  { key: 'kolaboratif', header: 'Kolaboratif', en: 'Collaborative' },
] as const;

/** The nine unsur of PermenPANRB 14/2017, keyed by name, never by position (SPEC §4). */
export const UNSUR = [
  { key: 'U1', header: 'Persyaratan', en: 'Requirements' },
  { key: 'U2', header: 'Sistem, Mekanisme, dan Prosedur', en: 'Systems, Mechanisms and Procedures' },
  { key: 'U3', header: 'Waktu Penyelesaian', en: 'Completion Time' },
  { key: 'U4', header: 'Biaya/Tarif', en: 'Cost/Tariff' },
  { key: 'U5', header: 'Produk Spesifikasi Jenis Pelayanan', en: 'Service Product Specification' },
  { key: 'U6', header: 'Kompetensi Pelaksana', en: 'Staff Competence' },
  { key: 'U7', header: 'Perilaku Pelaksana', en: 'Staff Behaviour' },
  { key: 'U8', header: 'Penanganan Pengaduan, Saran dan Masukan', en: 'Handling of Complaints, Suggestions and Input' },
  { key: 'U9', header: 'Sarana dan Prasarana', en: 'Facilities and Infrastructure' },
] as const;
