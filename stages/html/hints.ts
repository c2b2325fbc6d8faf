/**
 * What an element's tag, role, class and id say about its content. A negative hint names the
 * kind of page furniture the element holds (it becomes the removal reason of every block in
 * it); a positive hint marks an article container. Class and id values are split into words at
 * every non-alphanumeric character ("post-comments" -> post, comments), and only whole words
 * are looked up, so "content-navigator" hints navigation but "canvas" does not hint "nav".
 */
import type { ElementInfo } from './parse.js';

export type HintReason =
  | 'navigation' | 'footer' | 'sidebar' | 'comments' | 'share' | 'related' | 'cookie_notice'
  | 'advertising' | 'newsletter' | 'page_header' | 'meta_line' | 'hidden' | 'form';

const WORD_HINTS: ReadonlyArray<[HintReason, readonly string[]]> = [
  ['cookie_notice', ['cookie', 'cookies', 'consent', 'gdpr', 'cookiebar', 'cookienotice', 'cookielaw', 'dsgvo']],
  ['comments', ['comment', 'comments', 'commentlist', 'disqus', 'respond', 'replies', 'discussion', 'kommentare', 'kommentar', 'comentarios', 'commentaires']],
  ['share', ['share', 'sharing', 'social', 'socials', 'addthis', 'shariff', 'sharebar', 'sociallinks', 'socialmedia', 'sharedaddy', 'addtoany', 'a2a']],
  ['related', ['related', 'recommended', 'recommendations', 'teaser', 'teasers', 'mostread', 'popular', 'trending', 'morestories', 'moreposts', 'upsell', 'crosssell', 'crp', 'yarpp', 'relatedposts', 'relatedarticles', 'outbrain', 'taboola']],
  ['advertising', ['ad', 'ads', 'advert', 'adverts', 'advertisement', 'adsense', 'adslot', 'sponsor', 'sponsored', 'promo', 'werbung', 'anzeige', 'banner']],
  ['newsletter', ['newsletter', 'subscribe', 'subscription', 'signup']],
  ['navigation', ['nav', 'navbar', 'navi', 'navigation', 'menu', 'menue', 'mainmenu', 'submenu', 'menubar', 'megamenu', 'breadcrumb', 'breadcrumbs', 'pagination', 'pager', 'skiplink', 'skiplinks', 'toolbar', 'topbar', 'sitemap']],
  ['footer', ['footer', 'foot', 'copyright', 'colophon', 'sitefooter']],
  ['sidebar', ['sidebar', 'widgetarea', 'aside', 'sidebox', 'marginal', 'rightcol', 'leftcol', 'sidecol', 'rail']],
  ['meta_line', ['byline', 'dateline', 'postmeta', 'postmetadata', 'entrymeta', 'tags', 'tagcloud', 'taglist', 'tagged', 'categories', 'postdate', 'posted', 'author', 'autor', 'published', 'date', 'meta', 'caption',
    'authorbox', 'authorbio', 'authorinfo', 'aboutauthor', 'abouttheauthor', 'autorbox', 'autorinfo', 'authordescription']],
  ['hidden', ['hidden', 'hide', 'sronly', 'sr', 'screenreader', 'screenreadertext', 'visuallyhidden', 'invisible', 'offscreen', 'modal', 'popup', 'overlay']],
  ['page_header', ['header', 'masthead', 'branding', 'siteheader', 'logo', 'topnav']],
];

const WORD_TO_HINT: ReadonlyMap<string, HintReason> = new Map(
  WORD_HINTS.flatMap(([reason, words]) => words.map((w) => [w, reason] as [string, HintReason])),
);

const HINT_RANK: ReadonlyMap<HintReason, number> = new Map(WORD_HINTS.map(([reason], i) => [reason, i]));

/** Words that mark an article container (they also protect against a negative word). */
const POSITIVE_WORDS: ReadonlySet<string> = new Set([
  'article', 'articlebody', 'content', 'entry', 'entrycontent', 'post', 'postcontent', 'postbody',
  'story', 'storybody', 'text', 'main', 'maincontent', 'body', 'blogpost', 'hentry', 'single',
]);

const TAG_HINTS: ReadonlyMap<string, HintReason> = new Map([
  ['nav', 'navigation'], ['footer', 'footer'], ['aside', 'sidebar'], ['header', 'page_header'],
  ['menu', 'navigation'], ['form', 'form'],
]);

const ROLE_HINTS: ReadonlyMap<string, HintReason> = new Map([
  ['navigation', 'navigation'], ['contentinfo', 'footer'], ['complementary', 'sidebar'],
  ['banner', 'page_header'], ['menu', 'navigation'], ['menubar', 'navigation'], ['dialog', 'hidden'],
  ['alertdialog', 'hidden'], ['search', 'navigation'],
]);

export interface ElementHint {
  negative: HintReason | null;
  positive: boolean;
}

/**
 * Words too common as modifiers to count anywhere in a token: they hint only as a token's first
 * word ("ad-slot", "hidden", "meta-info"), not later ("has-ads", "label-hidden", "hidden-xs" is
 * fine but "field--label-hidden" is not, "post-meta" is caught by its compound "postmeta").
 */
const WEAK_WORDS: ReadonlySet<string> = new Set([
  'ad', 'ads', 'hidden', 'hide', 'sr', 'foot', 'meta', 'date', 'banner', 'overlay', 'caption', 'tags',
  'author', 'autor', 'posted', 'published', 'invisible', 'promo', 'sponsor', 'logo', 'rail', 'social',
]);

/** Responsive visibility classes ("hidden-xs", "l-hidden-s") hide text on some screens only. */
const RESPONSIVE_SUFFIX = /^(xs|sm|s|md|m|lg|l|xl|xxl|mobile|desktop|tablet|print|phone)$/;

const TRAILING_DIGITS = /(?<=[a-z])\d+$/;

export function wordsOf(classId: string): string[] {
  if (!classId) return [];
  const words: string[] = [];
  for (const token of classId.split(/\s+/)) {
    if (!token) continue;
    // Numbered variants ("footer2", "sidebar-1") read as the word.
    const parts = token.split(/[^a-z0-9]+/).map((p) => p.replace(TRAILING_DIGITS, '')).filter(Boolean);
    if (parts.length === 0) continue;
    if ((parts[0] === 'hidden' || parts[0] === 'hide' || parts[0] === 'visible') && parts.length > 1 && RESPONSIVE_SUFFIX.test(parts[1])) continue;
    words.push(parts[0]);
    for (let i = 1; i < parts.length; i++) if (!WEAK_WORDS.has(parts[i])) words.push(parts[i]);
    if (parts.length > 1) words.push(parts.join('')); // "post-meta" also as "postmeta"
    // Adjacent pairs too: "news-letter-section" -> "newsletter", "author-box-wrap" -> "authorbox".
    for (let i = 2; i < parts.length; i++) {
      words.push(parts[i - 2] + parts[i - 1]);
      if (i === parts.length - 1) words.push(parts[i - 1] + parts[i]);
    }
  }
  return words;
}

export function elementHint(el: ElementInfo): ElementHint {
  const words = wordsOf(el.classId);
  const positive = el.tag === 'article' || el.tag === 'main' || el.role === 'main' ||
    el.itemprop === 'articlebody' || el.itemprop === 'text' || words.some((w) => POSITIVE_WORDS.has(w));
  let negative: HintReason | null = TAG_HINTS.get(el.tag) ?? ROLE_HINTS.get(el.role) ?? null;
  if (negative === null) {
    // The group listed first in WORD_HINTS wins ("comment-author" is a comment).
    let best = Infinity;
    for (const w of words) {
      const hint = WORD_TO_HINT.get(w);
      if (hint !== undefined && HINT_RANK.get(hint)! < best) {
        best = HINT_RANK.get(hint)!;
        negative = hint;
      }
    }
  }
  if (el.tag === 'html' || el.tag === 'body') negative = null;
  return { negative, positive };
}
