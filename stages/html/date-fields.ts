/**
 * The `<meta>` keys (property, name, itemprop or http-equiv, lower case) that state a page's
 * publication or modification date. The page facts keep these tags alone (page-facts.ts); the
 * dates stage ranks them (stages/dates/html.ts).
 */
/** Rank-0 meta properties. */
export const PRIMARY_META = new Set(['article:published_time', 'og:published_time', 'og:article:published_time', 'article:published']);
/** Rank-1 meta names/properties/itemprops: publication dates under other vocabularies. */
export const PUBLICATION_META = new Set([
  'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published-date', 'published_date',
  'publication_date', 'publication-date', 'publicationdate', 'dc.date', 'dc.date.issued', 'dc.date.created', 'dc.created', 'dc.issued',
  'dcterms.date', 'dcterms.created', 'dcterms.issued', 'sailthru.date', 'parsely-pub-date', 'article.published', 'article_date_original',
  'citation_publication_date', 'citation_date', 'citation_online_date', 'prism.publicationdate', 'originalpublicationdate', 'og:pubdate',
  'pdate', 'ptime', 'publishtime', 'publish-time', 'publish_time', 'cxenseparse:recs:publishtime', 'cxenseparse:publishtime',
  'rnews:datepublished', 'bt:pubdate', 'date_published', 'datecreated', 'dc.date.published', 'release_date', 'live_date',
  'article:post_date', 'content_date', 'displaydate', 'dateline', 'vr:published_time', 'og:regdate', 'nv:date', 'created',
]);
export const MODIFIED_META = new Set([
  'article:modified_time', 'og:updated_time', 'og:modified_time', 'datemodified', 'dc.date.modified', 'dcterms.modified',
  'last-modified', 'lastmod', 'lastmodified', 'last_updated', 'revised', 'article:modified', 'modified', 'updated_time',
]);

export function isDateMeta(key: string): boolean {
  return PRIMARY_META.has(key) || PUBLICATION_META.has(key) || MODIFIED_META.has(key);
}
