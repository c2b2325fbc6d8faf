/**
 * Small word lists the boilerplate classifier uses as features. They are deliberately short:
 * the classifier decides mostly on shape (length, punctuation, position), and these lists only
 * name things that shape cannot tell apart (a one-word "Share" button vs. a one-word heading).
 * All entries are lower case; lookups are on lower-cased, whitespace-collapsed text.
 */
import { LOCALIZED_MONTH_NAMES } from '../dates/locales.js';
import { alternation, escape } from '../dates/words.js';

/** Function words (EN, DE, ES, FR, PL): prose has many, headlines and menus few. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from',
  'as', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'it', 'its', 'this', 'that',
  'these', 'those', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'not',
  'which', 'who', 'will', 'would', 'said', 'also', 'than', 'into', 'about', 'there', 'if', 'can',
  // German
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'und', 'oder',
  'ist', 'sind', 'war', 'mit', 'von', 'zu', 'zum', 'zur', 'im', 'auf', 'für', 'nicht', 'sich',
  'auch', 'es', 'sie', 'er', 'wir', 'ich', 'dass', 'wie', 'bei', 'aus', 'nach', 'wird', 'werden',
  // Spanish / French / Portuguese (shared forms listed once)
  'el', 'la', 'los', 'las', 'un', 'una', 'y', 'o', 'de', 'del', 'en', 'que', 'por', 'para', 'con',
  'se', 'su', 'es', 'al', 'lo', 'como', 'más', 'le', 'les', 'des', 'du', 'et', 'est', 'pour',
  'dans', 'qui', 'pas', 'sur', 'une', 'au', 'ce', 'il', 'elle', 'ne', 'ou', 'do', 'da', 'não',
  // Polish
  'i', 'w', 'z', 'na', 'się', 'nie', 'to', 'że', 'jest', 'do', 'jak', 'po', 'od', 'za',
]);

export const MONTHS: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'januar', 'jänner', 'februar', 'märz', 'mai', 'juni', 'juli', 'oktober', 'dezember', 'okt', 'dez',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre',
  'octubre', 'noviembre', 'diciembre',
  'janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre',
  'novembre', 'décembre',
  ...LOCALIZED_MONTH_NAMES,
]);

export const WEEKDAYS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
  'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
]);

/**
 * Words that may sit next to a date in a date-only header ("Updated: 21 March 2024, 09:34 GMT",
 * "24 de noviembre de 2024", "am 31. Mai 2012") without making the line prose.
 */
export const DATE_FILLERS: ReadonlySet<string> = new Set([
  'date', 'dated', 'updated', 'update', 'published', 'posted', 'last', 'modified', 'on', 'at',
  'am', 'pm', 'a.m', 'p.m', 'gmt', 'utc', 'et', 'est', 'edt', 'cet', 'cest', 'ist', 'msk', 'bst',
  'de', 'le', 'um', 'uhr', 'h', 'hrs', 'st', 'nd', 'rd', 'th',
  'aktualisiert', 'veröffentlicht', 'publicado', 'actualizado', 'publié',
]);

/** Fillers that announce a date header on their own ("date 2024-10-06 ..."), used for prefixes. */
export const DATE_LABELS: ReadonlySet<string> = new Set([
  'date', 'dated', 'updated', 'published', 'posted', 'aktualisiert', 'veröffentlicht',
  'publicado', 'actualizado', 'publié',
]);

/**
 * Whole-line site chrome: buttons, section labels, widgets. Matched against the line with
 * bullets, trailing colons and counters stripped ("Share:", "* Comments (3)").
 */
export const CHROME_LINES: ReadonlySet<string> = new Set([
  'comment', 'comments', 'sponsored', 'sponsored content', 'advertisement', 'advertising', 'ad',
  'ads', 'breaking', 'breaking news', 'featured', 'featured stories', 'featured story',
  'top stories', 'latest', 'latest news', 'most read', 'most popular', 'popular', 'trending',
  'related', 'related news', 'related stories', 'related articles', 'related posts',
  'recommended', 'more stories', 'more news', 'you may also like', 'you might also like',
  'read more', 'read next', 'see also', 'also read', 'share', 'share this', 'share this article',
  'share this story', 'tweet', 'print', 'email', 'e-mail', 'print this', 'subscribe',
  'newsletter', 'follow us', 'home', 'menu', 'search', 'login', 'log in', 'sign in', 'sign up',
  'register', 'skip to content', 'skip to main content', 'back to top', 'top', 'next', 'previous',
  'next article', 'previous article', 'close', 'privacy policy', 'terms of use',
  'terms of service', 'contact', 'contact us', 'about us', 'tags', 'topics', 'categories',
  'loading', 'video', 'photos', 'gallery', 'listen', 'facebook', 'twitter', 'whatsapp',
  'telegram', 'linkedin', 'reddit', 'pinterest', 'copy link', 'opinion', 'news',
  // German / Spanish / French / Polish
  'teilen', 'drucken', 'anzeige', 'werbung', 'impressum', 'datenschutz', 'kontakt', 'startseite',
  'weiterlesen', 'mehr zum thema', 'kommentare', 'publicidad', 'compartir', 'leer más',
  'comentarios', 'partager', 'publicité', 'lire aussi', 'commentaires', 'udostępnij', 'reklama',
  'czytaj też', 'komentarze',
  // "more to read" labels and widget buttons (EN / DE / ES / PT / FR / PL)
  'auch interessant', 'das könnte sie auch interessieren', 'das könnte dich auch interessieren',
  'zum weiterlesen', 'weitere informationen', 'weitere artikel', 'mehr dazu', 'mehr artikel',
  'ähnliche beiträge', 'ähnliche artikel', 'verwandte artikel', 'verwandte beiträge',
  'lesen sie auch', 'lies auch', 'artikel teilen', 'beitrag teilen', 'jetzt teilen', 'seite teilen',
  'nach oben', 'zurück', 'zurück nach oben', 'zur startseite', 'kommentare geschlossen',
  'beitragsbild', 'schlagworte', 'schlagwörter', 'kategorien', 'kategorie', 'bild anzeigen',
  'bild schließen', 'quellen ausblenden', 'quellen anzeigen', 'artikel bewerten',
  'bewerten sie dieses produkt', 'wie bewerten sie diesen artikel', 'empfehlungen',
  'veja também', 'leia também', 'leia mais', 'saiba mais', 'valora esta noticia', 'te puede interesar',
  'también te puede interesar', 'más noticias', 'noticias relacionadas', 'lea también',
  'à lire aussi', 'sur le même sujet', 'zobacz także', 'czytaj także', 'polecamy',
  'related posts', 'related content', 'more from', 'more like this', 'recent posts',
  'popular posts', 'share this post', 'share on facebook', 'share on twitter', 'print this page',
  'rate this article', 'was this article helpful', 'zurück zur übersicht', 'originalbeitrag',
  'diese geschichte teilen', 'twittern', 'was denkst du?', 'was denkst du', 'teile diesen beitrag',
  'diesen beitrag teilen', 'getaggt mit', 'verschlagwortet mit', 'aktuell', 'mehr lesen',
]);

/** Starts of short chrome lines ("Story Code : 1123962", "Follow us on Telegram"). */
export const CHROME_PREFIXES: readonly string[] = [
  'story code', 'story id', 'article id', 'news id', 'tags:', 'tagged:', 'tagged with',
  'filed under', 'share on', 'share this', 'follow us', 'read more', 'read also', 'also read',
  'see also', 'related:', 'click here', 'sign up for', 'subscribe to', 'all rights reserved',
  'copyright', 'image source', 'listen to this article', 'download our app', 'join our',
  'posted in', 'categories:', 'category:', 'mehr zum thema', 'lesen sie auch', 'lee también',
  'lire aussi', 'getaggt mit', 'verschlagwortet mit', 'schlagworte:', 'schlagwörter:',
  'pingback von', 'pingback:', 'trackback von', 'comment by', 'kommentar von', 'abonnieren sie',
  'folgen sie uns', 'folge uns', 'jetzt abonnieren', 'newsletter abonnieren',
];

/** Starts of comment-section lines. */
export const COMMENT_FORM_PREFIXES: readonly string[] = [
  'leave a reply', 'leave a comment', 'post a comment', 'add a comment', 'add comment',
  'post comment', 'submit comment', 'cancel reply', 'your email address will not be published',
  'your email will not be published', 'required fields are marked', 'comments are closed',
  'be the first to comment', 'you must be logged in to post a comment', 'notify me of',
  'save my name, email', 'comment policy', 'join the discussion', 'write a comment',
  'schreibe einen kommentar', 'kommentar schreiben', 'deja un comentario', 'laisser un commentaire',
];

/** Starts of credit lines ("Credit: RT News"); the line must also be short. */
export const CREDIT_PREFIXES: readonly string[] = [
  'credit:', 'credits:', 'photo credit', 'image credit', 'picture credit', 'courtesy:',
  'courtesy of', 'source:', 'sources:', 'quelle:', 'fuente:', 'foto:', 'bild:',
];

/** Starts of photo captions ("FILE PHOTO. © Reuters / ...", "Photo: AFP"). */
export const CAPTION_PREFIXES: readonly string[] = [
  'file photo', 'file picture', 'file image', 'photo:', 'photo by', 'photo/', 'photograph:',
  'image:', 'picture:', 'pictured:', '(photo', '(image', 'caption:', '(foto', '(fotos', 'fotos:',
  '(crédito', 'crédito:', '(bild', 'bildquelle', '(quelle', 'fotografía:', 'zdjęcie:', 'fot.',
];

/** Agencies / stock libraries whose name in a short line marks a caption or photo credit. */
export const PHOTO_AGENCIES: readonly string[] = [
  'reuters', 'getty images', 'afp', 'ap photo', 'associated press', 'shutterstock', 'istock',
  'epa', 'xinhua', 'sputnik', 'tass', 'dpa', 'imago', 'alamy',
];

/**
 * Calls to action that mark a short paragraph as promotion, not article text: subscribe, follow,
 * download the app, support us, reprint rights (EN / DE / ES / PT / FR / PL). Matched as
 * substrings of the lower-cased paragraph, only in paragraphs of at most PROMO_MAX_WORDS words.
 */
export const PROMO_PHRASES: readonly string[] = [
  'subscribe now', 'subscribe to our', 'subscribe today', 'sign up for our', 'sign up to our', 'follow us on',
  'on twitter and instagram', 'download our app', 'download the app', 'breaking news updates',
  'copyrighted property', 'written permission', 'support our journalism', 'become a member',
  'thank you for your support', 'we recommend the best products', 'our newsletter', 'the newsletter',
  'jetzt abonnieren', 'abonnieren sie', 'abonniere', 'folgen sie uns', 'folge uns', 'lust auf mehr',
  'vorteile sichern', 'newsletter abonnieren', 'zum newsletter', 'unseren newsletter', 'melde dich jetzt',
  'suscríbete', 'suscribete', 'síguenos', 'siguenos', 'canal de youtube', 'canal de telegram',
  'canal de whatsapp', 'para comentar debes', 'descarga la app', 'nuestro boletín',
  'assine', 'siga-nos', 'abonnez-vous', 'suivez-nous', 'inscrivez-vous', 'notre newsletter',
  'subskrypcj', 'czytasz właśnie', 'obserwuj nas', 'zapisz się',
  // affiliate and advertising disclosures
  'eine provision', 'affiliate link', 'affiliate-link', 'earn a commission', 'enthält werbung',
  'straight to your phone',
];
export const PROMO_MAX_WORDS = 60;

/**
 * A list of phrases as one alternation: a line is read once by the regex engine instead of once
 * per phrase by String.includes / startsWith, several times faster on the short lists here.
 * `test(key)` is `phrases.some((p) => key.includes(p))`.
 */
export const anyOfPattern = alternation;

/** `test(key)` is `prefixes.some((p) => key.startsWith(p))`. */
export function anyPrefixPattern(prefixes: readonly string[]): RegExp {
  return new RegExp(`^(?:${prefixes.map(escape).join('|')})`);
}

const PROMO_PATTERN = anyOfPattern(PROMO_PHRASES);

/** `PROMO_PHRASES.some((p) => key.includes(p))`. */
export function holdsPromoPhrase(key: string): boolean {
  return PROMO_PATTERN.test(key);
}
