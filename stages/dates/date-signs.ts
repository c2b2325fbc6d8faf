/**
 * Cheap signs that a piece of text may hold a date (no chrono, no parsing): a written date's
 * shape, and the labels in front of a publication or modification date in visible text
 * ("Published: ...", "Veröffentlicht am ...", "Updated ..."). The dates stage checks them before
 * reading dates; the boilerplate stage keeps only the lines of the document as read that show
 * them (boilerplate/page-facts.ts), so that the dates stage never needs the document itself.
 */
import { LOCALIZED_MONTH } from './locales.js';

/** Labels in front of a publication date in visible text (lower case, matched at a word start). */
export const PUB_LABEL =
  /(?<![\p{L}])(?:published|publ\.|posted|first published|released|veröffentlicht|veroeffentlicht|erschienen|erstellt|publiziert|datum|date|publié|publiée|publie|mis en ligne|publicado|publicada|publicación|pubblicato|gepubliceerd|geplaatst|opublikowano|data publikacji|опубликовано|опубліковано|дата публикации|дата публікації|yayınlanma|yayın tarihi|publicerad|publiceret|publisert|julkaistu|zveřejněno|vydáno)(?![\p{L}])/iu;
export const MOD_LABEL =
  /(?<![\p{L}])(?:updated|last updated|modified|last modified|aktualisiert|geändert|zuletzt|stand|mis à jour|modifié|actualizado|actualización|atualizado|atualização|aggiornato|bijgewerkt|zaktualizowano|обновлено|оновлено|güncelleme|güncellendi|uppdaterad|opdateret|oppdatert|päivitetty)(?![\p{L}])/iu;
/** Global copies, compiled once: every line of every text document's top is checked for them. */
export const LABELS: ReadonlyArray<readonly [RegExp, boolean]> = [
  [new RegExp(PUB_LABEL.source, PUB_LABEL.flags + 'g'), false],
  [new RegExp(MOD_LABEL.source, MOD_LABEL.flags + 'g'), true],
];
const TWO_DIGITS = /\d\d/;
/** Longer text is prose, not a byline. */
export const MAX_LABELLED_CHARS = 400;

/**
 * Whether a labelled date may be read from the text: every date the loose reader finds has two
 * digits in a row, and a labelled one needs a label. Most lines have neither, and these checks
 * cost far less than reading dates.
 */
export function mayHoldLabelledDate(text: string): boolean {
  if (text.length > MAX_LABELLED_CHARS || !TWO_DIGITS.test(text)) return false;
  return PUB_LABEL.test(text) || MOD_LABEL.test(text);
}

/**
 * What any string holding a WRITTEN_DATE match (explicit.ts) holds, checked before running chrono.
 * chrono's text is a substring of the input that starts after a non-word character (or at a
 * digit), so a month name at a word start inside it is at a word start in the input too; the
 * word end is not required (the input may go on after chrono's match); the numeric forms have
 * no boundaries. Most header lines, lede sentences and dateline heads fail it.
 */
const MAY_HOLD_WRITTEN_DATE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[.\/-]\d{1,2}[.\/-]\d{2,4}/i;

/** False when `firstExplicitDate` cannot find anything in `text` (checked without chrono). */
export function mayHoldWrittenDate(text: string): boolean {
  return MAY_HOLD_WRITTEN_DATE.test(text) || LOCALIZED_MONTH.test(text);
}
