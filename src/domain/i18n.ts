/** Reports and messages speak Bahasa Indonesia by default, English on request (SPEC §0). */
export type Lang = 'id' | 'en';

/** A text in both languages; kept next to the code that produces it. */
export interface Text {
  id: string;
  en: string;
}

export function t(text: Text, lang: Lang): string {
  return text[lang];
}
