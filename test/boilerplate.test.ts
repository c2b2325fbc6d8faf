import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Doc, DocMeta, SourceKind } from '../pipeline/doc.js';
import { boilerplate } from '../stages/boilerplate.js';
import { urlSlugWords } from '../stages/boilerplate/slug.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SEEDS = path.resolve(here, '../../shared/data/seeds');
const ctx = { runId: 'test', runStartedAt: new Date('2025-01-01T00:00:00Z') };

/** What the read stage hands over: BOM stripped, CRLF -> LF, NBSP -> space. */
function decoded(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
}

function makeDoc(raw: string, meta: DocMeta = {}, kind: SourceKind = 'txt'): Doc {
  return {
    id: 'doc', source: { path: 'x.txt', kind, bytes: raw.length, sha256: '' },
    raw, text: raw, meta, removed: [], dates: [], mentions: [],
  };
}

function run(raw: string, meta: DocMeta = {}): Doc {
  return boilerplate.process(makeDoc(raw, meta), ctx);
}

function readSeed(name: string): string {
  return decoded(readFileSync(path.join(SEEDS, name), 'utf8'));
}

function rawLine(raw: string, lineNumber: number): string {
  return raw.split('\n')[lineNumber - 1].trim();
}

function reasonsOf(doc: Doc): Record<string, string> {
  return Object.fromEntries(doc.removed.map((r) => [r.text, r.reason]));
}

interface SeedCase {
  file: string;
  title: string | undefined;
  /** 1-based raw lines holding the article paragraphs, in order. */
  paragraphLines: number[];
  /** Boilerplate that must not survive in `text`. */
  chrome: string[];
}

const SEED_CASES: SeedCase[] = [
  {
    file: '000.txt',
    title: 'Russia, China to Stand ‘Back to Back,’ Supporting Each Other: Ambassador',
    paragraphLines: [8, 10, 12, 14, 16],
    chrome: ['date 2024-03-21', 'Thursday 21 March 2024', 'Story Code', 'Comment\n', 'Featured Stories',
      'US Failed Its Policy in Ukraine', 'Israel and Hamas Commence Truce Negotiations', '19 March 2024',
      '20 March 2024', 'Supporting Each Other: Ambassador'],
  },
  {
    file: '001.txt',
    title: undefined,
    paragraphLines: [1, 5, 9, 13, 17],
    chrome: ['date 2024-10-06'],
  },
  {
    file: '002.txt',
    title: 'Russia-China relationship now ‘unprecedented’ – Putin',
    paragraphLines: [8, 10, 12, 14, 16, 18, 20, 22, 24],
    chrome: ['Sunday, 24 November, 2024', 'Sponsored', 'Credit:', '0 comments on', 'Leave a Reply',
      'Your email address', 'Required fields'],
  },
  {
    file: '003.txt',
    title: 'President Xi urges enhanced Trade and Economic cooperation with Russia',
    paragraphLines: [6, 8, 10, 12, 14, 16, 18, 20, 22],
    chrome: ['Breaking News', 'President Xi urges enhanced Trade'],
  },
  {
    file: '004.txt',
    title: 'Xi names the ‘new heights’ China-Russia relations reached in 2021',
    paragraphLines: [6, 12, 14, 16, 18, 20, 22, 24, 26],
    chrome: ['Tuesday, 25 January, 2022', 'FILE PHOTO', '©', 'Reuters / Greg Baker', 'Credit:',
      '0 comments on', 'Leave a Reply', 'Your email address', 'Xi names the'],
  },
];

describe('boilerplate on the seed pages', () => {
  for (const seed of SEED_CASES) {
    describe(seed.file, () => {
      const raw = readSeed(seed.file);
      const doc = run(raw);

      it('keeps exactly the article paragraphs, verbatim, separated by blank lines', () => {
        // The header date of 001 and the datelines of 001 and 003 are cut from their first paragraph.
        const expected = seed.paragraphLines.map((n) => rawLine(raw, n).replace(/^date 2024-10-06 \(MENAFN\) /, '')
          .replace(/^Beijing, December 20, 2023, The Europe Today: /, ''));
        expect(doc.text).toBe(expected.join('\n\n'));
      });

      it('drops all chrome', () => {
        for (const chrome of seed.chrome) expect(doc.text, chrome).not.toContain(chrome);
      });

      it('finds the headline', () => {
        expect(doc.meta.title).toBe(seed.title);
      });

      it('records each removal with its raw line number and the line text', () => {
        for (const removal of doc.removed) {
          expect(removal.stage).toBe('boilerplate');
          expect(rawLine(raw, removal.line)).toContain(removal.text);
        }
        const removedLines = new Set(doc.removed.map((r) => r.line));
        raw.split('\n').forEach((line, i) => {
          const kept = seed.paragraphLines.includes(i + 1);
          if (line.trim() !== '' && !kept) expect(removedLines.has(i + 1), `line ${i + 1}`).toBe(true);
        });
      });

      it('is unchanged by NBSPs left in raw', () => {
        const undecoded = readFileSync(path.join(SEEDS, seed.file), 'utf8');
        const other = run(undecoded);
        expect(other.text.replace(/\u00a0/g, ' ')).toBe(doc.text);
        expect(other.meta.title).toBe(doc.meta.title);
      });
    });
  }

  it('labels the seed header lines header_date and cuts the date and agency prefix of 001', () => {
    expect(reasonsOf(run(readSeed('000.txt')))).toMatchObject({
      'date 2024-03-21 0': 'header_date',
      'Thursday 21 March 2024 - 09:34': 'header_date',
      'Story Code : 1123962': 'chrome',
      Comment: 'chrome',
      '19 March 2024': 'teaser_list',
      'US Failed Its Policy in Ukraine: Russian Diplomat': 'teaser_list',
    });
    const doc001 = run(readSeed('001.txt'));
    expect(doc001.removed).toEqual([
      { stage: 'boilerplate', line: 1, text: 'date 2024-10-06', reason: 'header_date' },
      { stage: 'boilerplate', line: 1, text: '(MENAFN)', reason: 'dateline' },
    ]);
    expect(doc001.text.startsWith('China’s Foreign Minister, Wang Yi,')).toBe(true);
    expect(doc001.meta).toMatchObject({ agency: 'MENAFN' });
    expect(doc001.meta.dateline).toBeUndefined();
  });

  it('moves the dateline of 003 to meta and keeps the one-sentence quote of 004', () => {
    const doc003 = run(readSeed('003.txt'));
    expect(doc003.text.startsWith('Chinese President Xi Jinping and Russian Prime Minister')).toBe(true);
    expect(doc003.meta).toMatchObject({ dateline: 'Beijing, December 20, 2023', agency: 'The Europe Today' });
    expect(run(readSeed('004.txt')).text).toContain(
      '“The China-Russia friendship is unbreakable and our cooperation holds great promise,” he added.');
  });
});

/** A body long enough to be recognised as the main block of prose. */
const BODY = [
  'The committee met on Tuesday to discuss the new budget, which members described as the most ambitious in a decade.',
  'Several speakers said the plan would raise spending on schools and hospitals while keeping taxes at their current level.',
  'The final vote is expected next month, after a round of public hearings in all of the regions concerned.',
];

/** A line of site chrome: with it a document is a page, not a plain article (plain.ts). */
const SHARE = 'Share this article';

function page(...parts: string[]): string {
  return parts.join('\n\n');
}

describe('boilerplate reason codes', () => {
  it('header_date: date-only lines before the body', () => {
    const doc = run(page('Monday, 3 June 2024 - 10:15', 'Budget Plan Wins Early Support', ...BODY));
    expect(reasonsOf(doc)['Monday, 3 June 2024 - 10:15']).toBe('header_date');
    expect(doc.text).toBe(BODY.join('\n\n'));
  });

  it('header_date: a date prefix glued to the first paragraph is cut, the rest kept', () => {
    const doc = run(page(`Updated 2024-06-03 ${BODY[0]}`, BODY[1], BODY[2]));
    expect(doc.removed).toEqual([{ stage: 'boilerplate', line: 1, text: 'Updated 2024-06-03', reason: 'header_date' }]);
    expect(doc.text).toBe(BODY.join('\n\n'));
  });

  it('does not cut a date that opens a body sentence', () => {
    const first = 'On March 5, 2024, the committee met to discuss the new budget, which members called ambitious.';
    const doc = run(page(first, BODY[1], BODY[2]));
    expect(doc.text.startsWith(first)).toBe(true);
  });

  it('article_date: a date line among the first lines of the body, read as a header date before those above the body', () => {
    const doc = run(page('Monday 17 June 2024', 'Menu', BODY[0], '12 June 2024', BODY[1], BODY[2], SHARE));
    expect(reasonsOf(doc)['12 June 2024']).toBe('article_date');
    expect(reasonsOf(doc)['Monday 17 June 2024']).toBe('header_date');
    expect(doc.page?.headerDates).toEqual(['12 June 2024', 'Monday 17 June 2024']);
  });

  it('date_only: a date line further inside the body of a page', () => {
    const doc = run(page(...BODY, '12 June 2024', BODY[0].replace('Tuesday', 'Friday'), BODY[1].replace('schools', 'roads'), SHARE));
    expect(reasonsOf(doc)['12 June 2024']).toBe('date_only');
  });

  it('title and title_repeat: the headline is removed from text and copied to meta.title', () => {
    const doc = run(page('Budget Plan Wins Early Support', 'Budget Plan Wins Early Support', ...BODY));
    expect(doc.meta.title).toBe('Budget Plan Wins Early Support');
    expect(doc.removed.map((r) => r.reason)).toEqual(['title', 'title_repeat']);
    expect(doc.text).toBe(BODY.join('\n\n'));
  });

  it('title: a title already in meta is kept, and its line still leaves the text', () => {
    const doc = run(page('Budget plan wins early support', ...BODY), { title: 'Budget plan wins early support' });
    expect(doc.meta.title).toBe('Budget plan wins early support');
    expect(reasonsOf(doc)['Budget plan wins early support']).toBe('title');
    const other = run(page('Budget Plan Wins Early Support', ...BODY), { title: 'From the JSONL record' });
    expect(other.meta.title).toBe('From the JSONL record');
  });

  it('title: a heading laid out with blank lines and named by the URL slug wins over menus and section labels', () => {
    const raw = [' * Home', ' * Politics', ' * Economy', '', '', '', 'Politics', '', '', '',
      'Budget Plan Wins Early Support', '', 'By Jane Doe', '', ...BODY].join('\n');
    expect(run(raw).meta.title).toBe('Budget Plan Wins Early Support');
    const withUrl = run(raw.replace('Politics\n', 'Budget News Today\n'), { url: 'https://example.org/news/2024/budget-plan-wins-early-support/' });
    expect(withUrl.meta.title).toBe('Budget Plan Wins Early Support');
    expect(withUrl.text).toBe(BODY.join('\n'));
  });

  it('title: a heading the URL slug names is found far from the body (a long menu or notice between)', () => {
    const menu = Array.from({ length: 70 }, (_, i) => ` * Section ${i + 1}`);
    const raw = ['Budget Plan Wins Early Support', '', '', ...menu, '', '', 'Latest', '', ...BODY].join('\n');
    expect(run(raw, { url: 'https://example.org/news/budget-plan-wins-early-support/' }).meta.title)
      .toBe('Budget Plan Wins Early Support');
  });

  it('keeps a standfirst sentence that follows the headline', () => {
    const standfirst = 'The plan raises spending on schools while keeping taxes where they are';
    const doc = run(page('Budget Plan Wins Early Support', standfirst, ...BODY));
    expect(doc.text).toBe([standfirst, ...BODY].join('\n\n'));
  });

  it('chrome: site furniture anywhere, by lexicon and shape', () => {
    const doc = run(page('Breaking News', 'Headline About The Budget', 'Share', BODY[0], 'Advertisement',
      BODY[1], 'Story Code : 998877', BODY[2], '42', 'Comments (3)'));
    const reasons = reasonsOf(doc);
    for (const chrome of ['Breaking News', 'Share', 'Advertisement', 'Story Code : 998877', '42', 'Comments (3)']) {
      expect(reasons[chrome], chrome).toBe('chrome');
    }
    expect(doc.text).toBe(BODY.join('\n\n'));
  });

  it('teaser_list: trailing headlines of other stories with their dates', () => {
    const teasers = ['Featured Stories', 'Storm Hits The Northern Coast', 'Storm Hits The Northern Coast',
      '2 June 2024', 'Markets Rally After Rate Decision', '1 June 2024', 'New Bridge Opens To Traffic'];
    const doc = run([...BODY, ...teasers].join('\n'));
    const reasons = reasonsOf(doc);
    expect(reasons['Featured Stories']).toBe('chrome');
    for (const teaser of teasers.slice(1)) expect(reasons[teaser], teaser).toBe('teaser_list');
    expect(doc.text).toBe(BODY.join('\n'));
  });

  it('comment_form: the comment section', () => {
    const form = ['3 comments on “Budget plan”', 'Leave a Reply',
      'Your email address will not be published. Required fields are marked *'];
    const doc = run(page(...BODY, ...form));
    for (const line of form) expect(reasonsOf(doc)[line], line).toBe('comment_form');
  });

  it('credit and photo_caption', () => {
    const doc = run(page(BODY[0], 'FILE PHOTO. © Reuters / Jane Doe', BODY[1], BODY[2], 'Credit: Example News'));
    const reasons = reasonsOf(doc);
    expect(reasons['FILE PHOTO. © Reuters / Jane Doe']).toBe('photo_caption');
    expect(reasons['Credit: Example News']).toBe('credit');
    expect(doc.text).toBe(BODY.join('\n\n'));
  });

  it('repeated_line: a body line of a page identical to an earlier one', () => {
    const doc = run(page(BODY[0], BODY[1], BODY[0], BODY[2], SHARE));
    expect(doc.removed).toEqual([
      { stage: 'boilerplate', line: 5, text: BODY[0], reason: 'repeated_line' },
      { stage: 'boilerplate', line: 9, text: SHARE, reason: 'chrome' },
    ]);
    expect(doc.text).toBe(BODY.join('\n\n'));
  });

  it('outside_body: menus before the body and a footer after it', () => {
    const menu = [' * Home', ' * World', ' * Business', ' * Sport'];
    const doc = run([...menu, '', ...BODY, '', 'Terms and conditions apply to all users'].join('\n'));
    const reasons = reasonsOf(doc);
    expect(reasons['* World']).toBe('outside_body');
    expect(reasons['Terms and conditions apply to all users']).toBe('outside_body');
    expect(doc.text).toBe(BODY.join('\n'));
  });

  it('keeps short sentences and subheadings inside the body', () => {
    const quote = '“We are ready,” she said.';
    const doc = run(page(BODY[0], quote, 'What Happens Next', BODY[1], BODY[2]));
    expect(doc.text).toBe([BODY[0], quote, 'What Happens Next', BODY[1], BODY[2]].join('\n\n'));
  });
});

describe('dateline and agency tags', () => {
  const REUTERS = path.resolve(here, '../../shared/data/news/reuters/txt');

  it('moves a wire story\'s dateline to meta.dateline (real Reuters stories)', () => {
    const story = run(decoded(readFileSync(path.join(REUTERS, '1.txt'), 'utf8')));
    expect(story.meta.dateline).toBe('SALVADOR, Feb 26');
    expect(story.meta.agency).toBeUndefined();
    expect(story.text.startsWith('Showers continued throughout the week in the Bahia cocoa zone')).toBe(true);
    expect(reasonsOf(story)['SALVADOR, Feb 26 -']).toBe('dateline');
    const island = run(decoded(readFileSync(path.join(REUTERS, '10002.txt'), 'utf8')));
    expect(island.meta.dateline).toBe('CHARLOTTETOWN, Prince Edward Island, March 26');
    expect(island.text.startsWith('<Island Telephone')).toBe(true);
  });

  it('moves agency tags with or without a place', () => {
    const cases: Array<[string, string | undefined, string | undefined]> = [
      ['(Reuters) - ', undefined, 'Reuters'],
      ['WASHINGTON (AP) — ', 'WASHINGTON', 'AP'],
      ['NEW YORK, March 3 (Reuters) - ', 'NEW YORK, March 3', 'Reuters'],
      ['(MENAFN) ', undefined, 'MENAFN'],
      ['(Leipzig) - ', 'Leipzig', undefined], // a German press release's place
    ];
    for (const [prefix, dateline, agency] of cases) {
      const doc = run(page(prefix + BODY[0], BODY[1], BODY[2]));
      expect(doc.text, prefix).toBe(BODY.join('\n\n'));
      expect([doc.meta.dateline, doc.meta.agency], prefix).toEqual([dateline, agency]);
    }
  });

  it('leaves a body that opens with a date or a bracketed label alone', () => {
    const first = 'On March 5, 2024, the committee met to discuss the new budget, which members called ambitious.';
    for (const opening of [first, `(Updated) ${BODY[0]}`, `BREAKING: ${BODY[0]}`]) {
      const doc = run(page(opening, BODY[1], BODY[2]));
      expect(doc.text.startsWith(opening), opening).toBe(true);
      expect(doc.meta.agency).toBeUndefined();
    }
  });
});

describe('boilerplate edge cases', () => {
  it('a page of nothing but chrome ends with empty text', () => {
    const doc = run('Sponsored\n\nShare\n21 March 2024\n\nLeave a Reply\nComment\n');
    expect(doc.text).toBe('');
    expect(doc.removed).toHaveLength(5);
    expect(doc.meta.title).toBeUndefined();
  });

  it('empty and blank documents', () => {
    expect(run('').text).toBe('');
    expect(run('\n  \n\t\n').text).toBe('');
    expect(run('\n  \n\t\n').removed).toEqual([]);
  });

  it('skips rejected documents and sends HTML documents to the HTML classifier', () => {
    const rejected = { ...makeDoc('Sponsored\nText'), reject: { stage: 'read', reason: 'empty_file', detail: '' } };
    expect(boilerplate.process(rejected, ctx)).toBe(rejected);
    const html = boilerplate.process(makeDoc(`<p>Sponsored</p><p>${BODY.join('</p><p>')}</p>`, {}, 'html'), ctx);
    expect(html.text).toBe(BODY.join('\n\n'));
    expect(html.removed).toEqual([{ stage: 'boilerplate', line: 1, text: 'Sponsored', reason: 'outside_main' }]);
  });

  it('is pure and idempotent', () => {
    const input = makeDoc(readSeed('002.txt'));
    const snapshot = structuredClone(input);
    const once = boilerplate.process(input, ctx);
    expect(input).toEqual(snapshot);
    const twice = boilerplate.process(once, ctx);
    expect(twice.removed).toEqual(once.removed);
    expect(twice.text).toBe(once.text);
  });

  it('keeps removals from earlier stages', () => {
    const doc = makeDoc(page(...BODY, 'Sponsored'));
    doc.removed.push({ stage: 'read', line: 1, text: 'x', reason: 'other' });
    const out = boilerplate.process(doc, ctx);
    expect(out.removed[0]).toEqual({ stage: 'read', line: 1, text: 'x', reason: 'other' });
    expect(out.removed).toHaveLength(2);
  });

  it('handles a large document quickly', () => {
    const big = readSeed('000.txt').repeat(400); // ~1.3 MB, mostly repeated lines
    const started = performance.now();
    const doc = run(big);
    expect(doc.text.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('text headline cleanup', () => {
  const body = 'This is the first paragraph of the article, and it reads as plain running prose.\n\nThe second paragraph goes on with the story, and it also reads like an article would.\n\nA third paragraph closes the story with a few more words about what comes next.';
  it('reads the headline without a leading marker, and never an e-mail address', () => {
    const doc = boilerplate.process(makeDoc(`Menu\n\n\n[> Jens Weber\n\n${body}\n`), ctx);
    expect(doc.meta.title).toBe('Jens Weber');
    const mail = boilerplate.process(makeDoc(`\n\n\nkanzlei@example.org\n\n${body}\n`), ctx);
    expect(mail.meta.title).toBeUndefined();
  });

  it('reads a kicker-and-headline line as the headline the breadcrumb names', () => {
    const raw = `Sie sind hier:\n * Home\n * Meldungen\n * Schulze: Deutschland hilft gegen Hunger\n\n\n\nErnährung sichern Schulze: Deutschland hilft gegen Hunger\n\n${body}\n`;
    expect(boilerplate.process(makeDoc(raw), ctx).meta.title).toBe('Schulze: Deutschland hilft gegen Hunger');
  });
});

/**
 * Headline rules of the text path, each on lines taken from a page of pages/trafilatura (the
 * body paragraphs are stand-ins). Layout as html-to-text renders it: two blank lines before a
 * heading, one before a paragraph, none between menu entries.
 */
describe('text headline: rules from the trafilatura pages', () => {
  const body = BODY.join('\n\n');

  it('reads the URL slug from the last path segment with a word: the page, not its section', () => {
    expect(urlSlugWords('https://www.trainingline-english.de/am-telefon-1/einzeltraining/')).toEqual(['einzeltraining']);
    // Short numbers are part of the title; a segment of numbers only (a date) is not the slug.
    expect(urlSlugWords('https://www.giromatch.com/online-kredit/1000-euro-kredit')).toEqual(['1000', 'euro', 'kredit']);
    expect(urlSlugWords('https://www.cooperativa.cl/noticias/pais/presidente-boric/presidente-boric-vuelve-a-su-casa/2022-05-04/074527.html'))
      .toEqual(['presidente', 'boric', 'vuelve', 'a', 'su', 'casa']);
    expect(urlSlugWords('https://www.chip.de/downloads/BestCrypt_13003274.html')).toEqual(['bestcrypt']);
  });

  it('a page named by its last URL segment gets that heading, not the parent section the menu also lists', () => {
    // trainingline-english.de: "Am Telefon" is the section, "Einzeltraining" the page.
    const raw = [' * Englischtraining', ' * Am Telefon', '   * Einzeltraining', '   * Gruppentraining', ' * Kontakt',
      '', '', '', 'Einzeltraining', '', '', 'Training nur für Sie', '', body, '', '', '', 'Am Telefon', '', BODY[0]].join('\n');
    expect(run(raw, { url: 'https://www.trainingline-english.de/am-telefon-1/einzeltraining/' }).meta.title).toBe('Einzeltraining');
  });

  it('a one-word section label that is only part of the slug loses to the headline under it', () => {
    // wirtschaftspsychologie-aktuell.de: /magazin/fuehrung/staerkenorientierte-fuehrung
    const raw = ['Hauptnavigation', '', ' * Magazin', '   * Personal', '   * Führung', '   * New Work', ' * Shop', '', '', '',
      'Führung', '', '', 'Warum Sie die Stärken Ihrer Mitarbeitenden stärken sollten', '',
      'Von Christian Thiele, 07 Dezember, 2022', '', body].join('\n');
    const url = 'https://wirtschaftspsychologie-aktuell.de/magazin/fuehrung/staerkenorientierte-fuehrung';
    expect(run(raw, { url }).meta.title).toBe('Warum Sie die Stärken Ihrer Mitarbeitenden stärken sollten');
  });

  it('a menu entry the slug names is not the headline: the heading before the body is', () => {
    // chadim.net/text-planung/der-schreibstil
    const raw = [' * Text-Planung', ' * der Schreibstil', ' * Zielgruppe', '', '', '',
      'Schreiben Sie Informationen für Ihre Zielgruppe', '', body].join('\n');
    expect(run(raw, { url: 'https://chadim.net/text-planung/der-schreibstil' }).meta.title)
      .toBe('Schreiben Sie Informationen für Ihre Zielgruppe');
  });

  it('a field and its value ("Kategorie: Grundlagen") is no headline', () => {
    // sonnenenergie.de: the issue/category line sits right above the headline.
    const raw = [' * Ausgabenarchiv', ' * Abo', ' * Digital', '', '', 'Ausgabe 2022/3 Kategorie: Grundlagen', '', '', '',
      'Der WindRebell', '', '', body].join('\n');
    expect(run(raw).meta.title).toBe('Der WindRebell');
  });

  it('a product name the slug names exactly beats the lines that wrap it ("Kundenbewertungen für "..."")', () => {
    // zooroyal.de: the product heading, then its description, reviews and more under labels.
    const name = 'Trixie Natura Kleintierstall mit Freilaufgehege';
    // The reviews are the longest prose, so the body is located at them, far below the name.
    const details = Array.from({ length: 24 }, (_, i) => ` * Merkmal ${i + 1}`);
    const raw = [' * Kleintier', ' * Kleintierheim', ' * Stall', '', '', name, '', 'Art.-Nr.: 1000017279', '(4)', '',
      '97,47 €', '', 'In den Warenkorb', '', ' * Beschreibung', ' * Größenangaben', '', '', `Produktinformationen "${name}"`, '',
      'Gefahrgutklasse N Marke Trixie Farbe braun Material Echtholz, Metall', '', 'Artikeldetails:', '', ...details, '', '',
      'Gesamtbewertung:', '5 von 5 Sternen', '', '', `Kundenbewertungen für "${name}"`, '',
      '> Verifizierte/r Tierfreund/in am 8.6.2020', '', body].join('\n');
    expect(run(raw, { url: 'https://www.zooroyal.de/trixie-natura-kleintierstall-mit-freilaufgehege' }).meta.title).toBe(name);
  });

  it('a heading that wraps another line of the page (name • title) is a card, not the headline', () => {
    // galore.de: the book's card heading repeats the editor line printed under the review.
    const raw = [' * Bühne', '', '', 'Literatur', '', '', '30.11. | Buch der Woche', '', '', 'Nikole Hannah-Jones (Hrsg.) • 1619',
      '', '', '', body, '', 'Nikole Hannah-Jones (Hrsg.)'].join('\n');
    const url = 'https://www.galore.de/kultur/artikel/30-11-buch-der-woche-nikole-hannah-jones-hrsg-o-1619';
    expect(run(raw, { url }).meta.title).toBe('30.11. | Buch der Woche');
  });

  it('a pull quote ("> ...") that repeats the end of the headline does not cut the headline', () => {
    // theoriginalcopy.de: the quote is the article's, not a menu entry naming the page.
    const raw = [' * Main navigation', '', '', 'Editor’s Letter: bye OC Baby, hi Bernsi Baby!', '', BODY[0], '',
      '> Bye OC Baby, hi Bernsi Baby!', '', BODY[1], '', BODY[2]].join('\n');
    expect(run(raw).meta.title).toBe('Editor’s Letter: bye OC Baby, hi Bernsi Baby!');
  });

  it('the last step of the breadcrumb names the headline even far from where the body was located', () => {
    // reisen-mit-dem-internet.de: the body block is found at a later section of the page.
    const sights = ['Kunsthalle in Emden (Kunstmuseum)', 'Otto-Huus', 'Ratsdelft (Stadtviertel / Wohngegend)']
      .flatMap((s) => ['', '', s, '', 'Homepage: ' + s, '', 'Lage: Google Maps', '', BODY[0].replace('committee', s)]);
    const raw = ['Sie sind hier: Home » Europa » Deutschland » Niedersachsen » Ostfriesland » Emden', '', '',
      'Foto: Marco Roepers [CC BY-SA 3.0], via Wikimedia Commons', '', '', 'Emden', '', '', '',
      'Emden ist vor allem in Deutschland als „Hauptstadt“ der Region Ostfriesland bekannt.', ...sights, '', '',
      'Lage: Google Maps', '', body].join('\n');
    expect(run(raw, { url: 'https://www.reisen-mit-dem-internet.de/europa/deutschland/niedersachsen/ostfriesland/emden-21416' }).meta.title)
      .toBe('Emden');
  });
});
