/**
 * Labels in front of a publication or modification date in visible text ("Published: ...",
 * "Veröffentlicht am ...", "Updated ..."). The dates stage reads labelled dates (html.ts); the
 * boilerplate stage keeps the lines that may hold one (a label and two digits in a row), so that
 * the dates stage never needs the document as read.
 */

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
