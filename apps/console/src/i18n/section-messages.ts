/**
 * A part of the console's texts kept beside the pages that show them: the English, and every
 * one of its keys in Ukrainian and Russian (the compiler checks both).
 */
export interface SectionMessages<En extends Record<string, string>> {
  en: En;
  uk: Record<keyof En, string>;
  ru: Record<keyof En, string>;
}
