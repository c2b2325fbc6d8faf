/** Publication and modification dates a page's JSON-LD objects state (raw strings, unparsed). */
import type { HtmlDateFacts } from '../../pipeline/doc.js';
import type { JsonLdObject } from './json-ld.js';

/** The objects' dates, in document order; the published ones of article objects first. */
export function jsonLdDates(objects: readonly JsonLdObject[]): HtmlDateFacts['jsonLd'] {
  const out: HtmlDateFacts['jsonLd'] = { published: [], modified: [] };
  for (const { object: o, article } of objects) {
    const pub = o.datePublished ?? o.dateCreated ?? o.uploadDate;
    if (typeof pub === 'string') out.published.push({ value: pub, article });
    if (typeof o.dateModified === 'string') out.modified.push(o.dateModified);
  }
  out.published.sort((a, b) => Number(b.article) - Number(a.article));
  return out;
}
