import { resolve } from 'node:path';
import { SHARED_DATA } from '../bench/paths.js';
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { entities, process as tag } from '../stages/entities.js';
import { newDoc, type Doc, type Mention } from '../pipeline/doc.js';

const ctx = { runId: 'test', runStartedAt: new Date('2025-01-01T00:00:00Z') };
const SEEDS = resolve(SHARED_DATA, 'seeds');

function docOf(text: string): Doc {
  return newDoc('t', { path: 't.txt', kind: 'txt', bytes: text.length, sha256: '' }, text);
}
const run = (text: string): Mention[] => tag(docOf(text), ctx).mentions;
const pick = (ms: Mention[]) => ms.map((m) => [m.type, m.entity, m.surface]);

/**
 * A seed's body as the boilerplate stage would leave it: from the first to the last long line
 * (the teaser lists and footers after the article are short lines).
 */
function seedBody(n: string): { raw: string; body: string } {
  const raw = readFileSync(`${SEEDS}/${n}.txt`, 'utf8');
  const lines = raw.split('\n');
  const long = lines.map((l, k) => (l.length >= 150 ? k : -1)).filter((k) => k >= 0);
  return { raw, body: lines.slice(long[0], long[long.length - 1] + 1).join('\n') };
}

function checkInvariants(text: string, ms: Mention[]): void {
  let lastEnd = -1;
  for (const m of ms) {
    expect(text.slice(m.start, m.end)).toBe(m.surface);
    expect(m.start).toBeGreaterThanOrEqual(lastEnd);
    lastEnd = m.end;
  }
}

// Words that must never be part of a PERSON or PLACE name, and titles never part of any name.
const TITLE_OR_DEMONYM = /\b(President|Minister|Prime|Foreign|Chinese|Russian|Mr|Ms|Mrs|Dr|Chancellor|Ambassador|spokesman)\b/;
const HONORIFIC = /\b(President|Minister|Prime|Mr|Ms|Mrs|Dr|Chancellor|Ambassador)\b/;
// Letters/digits, inner hyphens and apostrophes, single spaces, periods of initials ("U.S.", "J.").
const CLEAN_NAME = /^[\p{L}\p{N}]+(?:(?:[-' ]|(?<=\b\p{Lu})\. ?)[\p{L}\p{N}]+)*(?:(?<=\b\p{Lu})\.)?$/u;

type Bar = Partial<Record<'PERSON' | 'ORG' | 'PLACE', string[]>>;
const BAR: Record<string, Bar> = {
  '000': { PERSON: ['Xi Jinping', 'Vladimir Putin'], ORG: ['TASS'], PLACE: ['Russia', 'China'] },
  '001': { PERSON: ['Wang Yi'], ORG: ['BRICS', 'Shanghai Cooperation Organization'], PLACE: ['Russia', 'China'] },
  '002': { PERSON: ['Vladimir Putin', 'Xi Jinping'], ORG: ['NATO', 'Gazprom'], PLACE: ['Russia', 'China', 'Beijing', 'Moscow'] },
  '003': { PERSON: ['Xi Jinping', 'Mikhail Mishustin'], PLACE: ['Russia', 'China', 'Beijing'] },
  '004': { PERSON: ['Xi Jinping', 'Vladimir Putin', 'Zhao Lijian'], PLACE: ['Russia', 'China', 'Beijing', 'Moscow'] },
};
/** Any mention whose surface contains this word must have exactly this canonical entity. */
const ONE_CANONICAL: Record<string, string> = {
  Putin: 'Vladimir Putin',
  Vladmir: 'Vladimir Putin',
  Xi: 'Xi Jinping',
  Wang: 'Wang Yi',
  Mishustin: 'Mikhail Mishustin',
  Zhao: 'Zhao Lijian',
  NATO: 'NATO',
  Gazprom: 'Gazprom',
};

describe('entities stage', () => {
  it('exports a per-doc stage', () => {
    expect(entities.name).toBe('entities');
    expect(entities.kind).toBe('doc');
    expect(entities.describe.length).toBeGreaterThan(10);
  });

  it('skips rejected docs', () => {
    const d = docOf('Vladimir Putin met Xi Jinping in Moscow.');
    d.reject = { stage: 'read', reason: 'empty_file', detail: '' };
    expect(tag(d, ctx).mentions).toEqual([]);
  });

  for (const [n, bar] of Object.entries(BAR)) {
    describe(`seed ${n}`, () => {
      const { raw, body } = seedBody(n);
      const ms = run(body);

      it('finds the bar entities with the right type', () => {
        for (const [type, names] of Object.entries(bar)) {
          for (const name of names!) expect(ms.some((m) => m.type === type && m.entity === name), `${type} ${name}`).toBe(true);
        }
      });

      it('gives each entity exactly one canonical name', () => {
        for (const [word, canonical] of Object.entries(ONE_CANONICAL)) {
          const re = new RegExp(`\\b${word}\\b`);
          const names = new Set(ms.filter((m) => re.test(m.surface)).map((m) => m.entity));
          if (names.size) expect([...names], word).toEqual([canonical]);
        }
        // and no other canonical name of the same type is a short form of a bar name
        for (const names of Object.values(bar)) {
          for (const name of names!) {
            const parts = name.split(' ');
            const others = ms.filter((m) => m.entity !== name && parts.includes(m.entity));
            expect(others.map((m) => m.entity), name).toEqual([]);
          }
        }
      });

      it('keeps titles, demonyms and punctuation out of names', () => {
        for (const m of ms) {
          if (m.type === 'MONEY') continue;
          expect(m.entity, m.surface).toMatch(CLEAN_NAME);
          expect(m.entity).not.toMatch(HONORIFIC);
          if (m.type !== 'ORG') expect(m.entity).not.toMatch(TITLE_OR_DEMONYM);
        }
      });

      it('has exact, sorted, non-overlapping offsets (body and raw page)', () => {
        checkInvariants(body, ms);
        checkInvariants(raw, run(raw));
      });

      it('tags no title-case teaser headline as an organisation', () => {
        const junk = run(raw).filter((m) => /Resistance|Hits|Failed|Sign|Raises|Urges|Protesters|Comment|Featured|Leave|Reply/.test(m.entity));
        expect(pick(junk)).toEqual([]);
      });
    });
  }

  it('seed 000: "(Russian President Vladimir) Putin" and "Vladmir Putin" are Vladimir Putin', () => {
    const ms = run(seedBody('000').body);
    const putin = ms.filter((m) => m.entity === 'Vladimir Putin').map((m) => m.surface);
    expect(putin).toEqual(['Vladimir', 'Putin', 'Vladmir Putin']);
  });

  it('seed 002: every Putin mention is Vladimir Putin', () => {
    const ms = run(seedBody('002').body);
    const putins = ms.filter((m) => m.surface.includes('Putin'));
    expect(putins.length).toBeGreaterThanOrEqual(5);
    expect(new Set(putins.map((m) => m.entity))).toEqual(new Set(['Vladimir Putin']));
  });
});

describe('tagger rules', () => {
  it('strips titles and demonyms from the span and the name', () => {
    const text = 'Russian Prime Minister Mikhail Mishustin met Chinese President Xi Jinping. Mishustin said so.';
    expect(pick(run(text))).toEqual([
      ['PERSON', 'Mikhail Mishustin', 'Mikhail Mishustin'],
      ['PERSON', 'Xi Jinping', 'Xi Jinping'],
      ['PERSON', 'Mikhail Mishustin', 'Mishustin'],
    ]);
  });

  it('excludes possessives (straight and typographic) and punctuation', () => {
    const text = 'Putin’s remarks on China\'s plans, said Zhao Lijian, were welcomed by Russia.';
    const ms = run(text);
    expect(pick(ms)).toEqual([
      ['PERSON', 'Vladimir Putin', 'Putin'],
      ['PLACE', 'China', 'China'],
      ['PERSON', 'Zhao Lijian', 'Zhao Lijian'],
      ['PLACE', 'Russia', 'Russia'],
    ]);
    checkInvariants(text, ms);
  });

  it('handles NBSP around names with exact UTF-16 offsets', () => {
    const text = 'In 2023 — “Chinese President\u00a0Xi Jinping\u00a0met leaders in\u00a0Beijing” 🙂 and Moscow.';
    const ms = run(text);
    checkInvariants(text, ms);
    expect(pick(ms)).toEqual([
      ['PERSON', 'Xi Jinping', 'Xi Jinping'],
      ['PLACE', 'Beijing', 'Beijing'],
      ['PLACE', 'Moscow', 'Moscow'],
    ]);
  });

  it('links a known acronym and its expansion to the acronym', () => {
    const text = 'The North Atlantic Treaty Organization (NATO) met on Monday. Later NATO said it would expand.';
    const ms = run(text);
    expect(ms.map((m) => m.entity)).toEqual(['NATO', 'NATO', 'NATO']);
    expect(ms.every((m) => m.type === 'ORG')).toBe(true);
  });

  it('links an acronym defined in the text to its expansion', () => {
    const text = 'Officials of the Global Energy Monitoring Council (GEMC) arrived. The GEMC report was published.';
    const ms = run(text);
    expect(pick(ms)).toEqual([
      ['ORG', 'Global Energy Monitoring Council', 'Global Energy Monitoring Council'],
      ['ORG', 'Global Energy Monitoring Council', 'GEMC'],
      ['ORG', 'Global Energy Monitoring Council', 'GEMC'],
    ]);
  });

  it('maps place acronyms and aliases to the country', () => {
    const ms = run('Officials in the U.S. and the UK criticised the US-led plan, as did America.');
    expect(pick(ms)).toEqual([
      ['PLACE', 'United States', 'U.S.'],
      ['PLACE', 'United Kingdom', 'UK'],
      ['PLACE', 'United States', 'US'],
      ['PLACE', 'United States', 'America'],
    ]);
  });

  it('splits hyphenated place pairs and ignores demonym pairs', () => {
    expect(pick(run('The China-Russia partnership and Russian-Chinese ties grew.'))).toEqual([
      ['PLACE', 'China', 'China'],
      ['PLACE', 'Russia', 'Russia'],
    ]);
  });

  it('handles Arabic names with al- and bin and short forms', () => {
    const ms = run('Syrian President Bashar al-Assad met Crown Prince Mohammed bin Salman in Riyadh. Assad said talks went well.');
    expect(pick(ms)).toEqual([
      ['PERSON', 'Bashar al-Assad', 'Bashar al-Assad'],
      ['PERSON', 'Mohammed bin Salman', 'Mohammed bin Salman'],
      ['PLACE', 'Riyadh', 'Riyadh'],
      ['PERSON', 'Bashar al-Assad', 'Assad'],
    ]);
  });

  it('uses organisation suffixes, titles and place suffixes for unknown names', () => {
    const ms = run(
      'The Harbin Polar Equipment Company signed a deal with spokesman, Liang Wenhao, after an earthquake in Gansu Province.',
    );
    expect(pick(ms)).toEqual([
      ['ORG', 'Harbin Polar Equipment Company', 'Harbin Polar Equipment Company'],
      ['PERSON', 'Liang Wenhao', 'Liang Wenhao'],
      ['PLACE', 'Gansu Province', 'Gansu Province'],
    ]);
  });

  it('does not tag sentence-initial common words or lone demonyms', () => {
    expect(run('Following the talks, Russian officials left. Both sides agreed. The friendship grew.')).toEqual([]);
  });

  it('takes only gazetteer names from title-case headline lines', () => {
    const text = 'Iraqi Resistance Hits Electricity Generation Station in Tel Aviv\n\nUS Failed Its Policy in Ukraine: Russian Diplomat';
    expect(pick(run(text))).toEqual([
      ['PLACE', 'Tel Aviv', 'Tel Aviv'],
      ['PLACE', 'United States', 'US'],
      ['PLACE', 'Ukraine', 'Ukraine'],
    ]);
  });

  it('reads MONEY amounts', () => {
    const text = 'Trade crossed the $240-billion mark, up from $140 billion; a 10 million euros grant, £5m and US$3.5bn too.';
    const ms = run(text);
    checkInvariants(text, ms);
    expect(pick(ms)).toEqual([
      ['MONEY', '240000000000 USD', '$240-billion'],
      ['MONEY', '140000000000 USD', '$140 billion'],
      ['MONEY', '10000000 EUR', '10 million euros'],
      ['MONEY', '5000000 GBP', '£5m'],
      ['MONEY', '3500000000 USD', 'US$3.5bn'],
    ]);
  });
});

describe('canonical ids across documents', () => {
  it('gives the gazetteer id to every alias and short form, in any document', () => {
    const a = run('Russian President Vladimir Putin met NATO officials in the U.S.');
    const b = run('Putin said the North Atlantic Alliance and the United States were wrong. Putin’s aide left Russia.');
    const ids = (ms: Mention[]) => ms.map((m) => [m.surface, m.entityId]);
    expect(ids(a)).toEqual([
      ['Vladimir Putin', 'person:vladimir_putin'],
      ['NATO', 'org:nato'],
      ['U.S.', 'place:united_states'],
    ]);
    expect(ids(b)).toEqual([
      ['Putin', 'person:vladimir_putin'],
      ['North Atlantic Alliance', 'org:nato'],
      ['United States', 'place:united_states'],
      ['Putin', 'person:vladimir_putin'],
      ['Russia', 'place:russia'],
    ]);
  });

  it('maps a second spelling of a known person to the same id', () => {
    const ms = run('Sergei Lavrov spoke. Foreign Minister Sergey Lavrov agreed, and Lavrov left.');
    expect(new Set(ms.map((m) => m.entityId))).toEqual(new Set(['person:sergey_lavrov']));
  });

  it('derives ids for names outside the gazetteer the way the tables do', async () => {
    const { entityIdOf } = await import('../pipeline/tables.js');
    const one = run('The Harbin Polar Equipment Company hired spokesman Liang Wenhao.');
    const two = run('Liang Wenhao, of the Harbin Polar Equipment Company, declined. Liang said no.');
    for (const m of [...one, ...two]) expect(m.entityId).toBe(entityIdOf({ ...m, entityId: undefined }));
    const idsOf = (ms: Mention[]) => new Set(ms.map((m) => m.entityId));
    expect(idsOf(one)).toEqual(new Set(['org:harbin_polar_equipment_company', 'person:liang_wenhao']));
    expect(idsOf(two)).toEqual(idsOf(one));
  });

  it('gives the seed entities their gazetteer ids', () => {
    const ms = run(seedBody('002').body);
    const id = (name: string) => new Set(ms.filter((m) => m.entity === name).map((m) => m.entityId));
    expect(id('Vladimir Putin')).toEqual(new Set(['person:vladimir_putin']));
    expect(id('NATO')).toEqual(new Set(['org:nato']));
    expect(id('Russia')).toEqual(new Set(['place:russia']));
  });
});

describe('robustness', () => {
  it('reads all-caps headline lines through the gazetteer only', () => {
    const text = 'VLADIMIR PUTIN MEETS XI JINPING IN BEIJING AS NATO WATCHES\nTALKS WITH GAZPROM STALL';
    expect(pick(run(text))).toEqual([
      ['PERSON', 'Vladimir Putin', 'VLADIMIR PUTIN'],
      ['PERSON', 'Xi Jinping', 'XI JINPING'],
      ['PLACE', 'Beijing', 'BEIJING'],
      ['ORG', 'NATO', 'NATO'],
      ['ORG', 'Gazprom', 'GAZPROM'],
    ]);
  });

  it('tags nothing but known names on title-case headlines', () => {
    const text = 'Putin Hails New Era As Xi Jinping Visits Moscow For Talks On Energy Deal\n\nThe visit began on Monday.';
    expect(pick(run(text))).toEqual([
      ['PERSON', 'Vladimir Putin', 'Putin'],
      ['PERSON', 'Xi Jinping', 'Xi Jinping'],
      ['PLACE', 'Moscow', 'Moscow'],
    ]);
  });

  it('keeps typographic quotes and apostrophes out of spans and names', () => {
    const text = '“Russia’s position is clear,” Wang Yi’s spokesman said. ‘Beijing’ matters, said O’Brien; ‘NATO’s’ remarks followed.';
    const ms = run(text);
    checkInvariants(text, ms);
    for (const [type, entity, surface] of [['PLACE', 'Russia', 'Russia'], ['PERSON', 'Wang Yi', 'Wang Yi'], ['PLACE', 'Beijing', 'Beijing'], ['ORG', 'NATO', 'NATO']]) {
      expect(pick(ms)).toContainEqual([type, entity, surface]);
    }
    for (const m of ms) expect(m.surface).not.toMatch(/^[“”‘’'"]|[“”‘’'"]$|’s$/);
  });

  it('handles non-breaking and narrow spaces inside and around names', () => {
    const text = 'Mr\u00a0Wang Yi met Vladimir\u00a0Putin and Sergei\u202fLavrov\u00a0in Moscow.';
    const ms = run(text);
    checkInvariants(text, ms);
    expect(pick(ms).map(([t, e]) => [t, e])).toEqual([
      ['PERSON', 'Wang Yi'],
      ['PERSON', 'Vladimir Putin'],
      ['PERSON', 'Sergey Lavrov'],
      ['PLACE', 'Moscow'],
    ]);
  });

  it('keeps a one-word place or organisation before a title as its own mention', () => {
    expect(pick(run('Later U.S. President Donald Trump and NATO Secretary General Jens Stoltenberg met.'))).toEqual([
      ['PLACE', 'United States', 'U.S.'],
      ['PERSON', 'Donald Trump', 'Donald Trump'],
      ['ORG', 'NATO', 'NATO'],
      ['PERSON', 'Jens Stoltenberg', 'Jens Stoltenberg'],
    ]);
  });

  it('strips abbreviated honorifics with a period', () => {
    expect(pick(run('Mr. Lavrov met Gen. Valery Gerasimov and later spoke with Dr. Ouyang Yujing at the embassy.'))).toEqual([
      ['PERSON', 'Sergey Lavrov', 'Lavrov'],
      ['PERSON', 'Valery Gerasimov', 'Valery Gerasimov'],
      ['PERSON', 'Ouyang Yujing', 'Ouyang Yujing'],
    ]);
  });

  it('tags Chinese, Russian and Arabic transliterated names, with and without diacritics', () => {
    const text =
      'Security Council Secretary Nikolai Patrushev spoke with Mohammad Javad Zarif, Abdul-Aziz al-Rantisi and Recep Tayyip Erdoğan, ' +
      'while Vice Premier Liu He and Ouyang Yujing met Sheikh Tamim bin Hamad Al Thani. Patrushev and Erdoğan agreed.';
    const ms = run(text);
    checkInvariants(text, ms);
    expect(ms.filter((m) => m.type === 'PERSON').map((m) => [m.type, m.entity])).toEqual([
      ['PERSON', 'Nikolai Patrushev'],
      ['PERSON', 'Mohammad Javad Zarif'],
      ['PERSON', 'Abdul-Aziz al-Rantisi'],
      ['PERSON', 'Recep Tayyip Erdogan'], // the gazetteer's spelling: diacritics are folded for lookup
      ['PERSON', 'Liu He'],
      ['PERSON', 'Ouyang Yujing'],
      ['PERSON', 'Tamim bin Hamad Al Thani'],
      ['PERSON', 'Nikolai Patrushev'],
      ['PERSON', 'Recep Tayyip Erdogan'],
    ]);
    // accent-less spelling of a known person links to the gazetteer entry
    expect(run('Turkish President Erdoğan spoke on Monday.').map((m) => m.entityId)).toEqual(['person:recep_tayyip_erdogan']);
  });

  it('takes the person from a title-case run that starts with title and common words', () => {
    const ms = run('Labour said Shadow Home Secretary Yvette Cooper would reply.');
    expect(ms.filter((m) => m.type === 'PERSON').map((m) => m.surface)).toEqual(['Yvette Cooper']);
    expect(ms.some((m) => m.surface.includes('Shadow'))).toBe(false);
  });
});

describe('general rules', () => {
  it('reads named buildings as whole names (a place or an organisation) and "Centre for X" as an organisation', () => {
    const text = 'Fans met at Wembley Stadium and the Kennedy Space Center; the Centre for Economic Policy Research and the Museum of Flight in Seattle reported.';
    const ms = run(text);
    checkInvariants(text, ms);
    expect(pick(ms)).toContainEqual(['PLACE', 'Wembley Stadium', 'Wembley Stadium']);
    expect(pick(ms)).toContainEqual(['ORG', 'Centre for Economic Policy Research', 'Centre for Economic Policy Research']);
    expect(pick(ms)).toContainEqual(['PLACE', 'Seattle', 'Seattle']);
    // a facility is never cut into pieces
    for (const m of ms) expect(['Kennedy', 'Space Center', 'Center', 'Flight', 'Museum']).not.toContain(m.surface);
  });

  it('reads countries as places, in a sports report too (CoNLL-2003: a national team is its country)', () => {
    const sport =
      'Sweden defeated South Korea 1-0 in the World Cup match at the stadium in Russia. Sweden’s striker scored a penalty in the ' +
      '65th minute; the referee booked a defender. South Korea’s goalkeeper made a save, and the league table moved.';
    expect(pick(run(sport)).map(([t, e]) => `${t}:${e}`)).toEqual(['PLACE:Sweden', 'PLACE:South Korea', 'PLACE:Russia', 'PLACE:Sweden', 'PLACE:South Korea']);
    expect(run('Sweden and South Korea signed a trade deal in Russia.').map((m) => m.type)).toEqual(['PLACE', 'PLACE', 'PLACE']);
  });

  it('tags no nationality or event (MISC) as a person, organisation or place', () => {
    expect(pick(run('German officials said the Olympics in Atlanta drew Italian and French fans.'))).toEqual([['PLACE', 'Atlanta', 'Atlanta']]);
  });

  it('reads an apposition with a person noun as a person cue', () => {
    // "Grant Rose" is made of common words: only the apposition makes it a name
    expect(pick(run('They met Grant Rose, a spokesman for the firm. Texas, home to many, voted.'))).toEqual([
      ['PERSON', 'Grant Rose', 'Grant Rose'],
      ['PLACE', 'Texas', 'Texas'],
    ]);
  });

  it('reads a word the document writes in lower case as a common noun where it is capitalized', () => {
    const text =
      'Researchers say many children lack iodine. The study measured iodine in urine samples.\n' +
      'Iodine deficiency can lead to brain damage, the World Health Organization said. Most iodine comes from milk.';
    expect(pick(run(text))).toEqual([['ORG', 'WHO', 'World Health Organization']]);
    // a name the news nearly always capitalizes stays a name in a wire written in lower case
    const lower = 'venezuela is seeking new terms from its bank creditors, finance minister Manuel Azpurua said. He said venezuela had paid on time. Venezuela wants flexibility.';
    expect(pick(run(lower))).toContainEqual(['PLACE', 'Venezuela', 'Venezuela']);
  });

  it('leaves contract months out of a place or organisation, and keeps a person\'s', () => {
    // Reuters-21578 commodity copy (1987), as the corpus writes it.
    const text = (readFileSync(resolve(SHARED_DATA, 'news/reuters/txt/1.txt'), 'utf8'));
    const ms = run(text);
    checkInvariants(text, ms);
    expect(ms.some((m) => /\b(Jan|Feb|Mar|May|Sept?|Oct|Dec)\b/.test(m.surface))).toBe(false);
    expect(ms.some((m) => m.entity === 'New York')).toBe(true);
    // its sign-off, "Reuter" alone on the last line, is a credit, not a person in the news
    expect(ms.some((m) => m.surface === 'Reuter')).toBe(false);
    // in the story the name stays a mention; only the last line's sign-off goes
    const signed = 'The deal was first reported by Reuter.\nReuter';
    expect(run(signed).map((m) => [m.start, m.type])).toEqual([[signed.indexOf('Reuter'), 'ORG']]);
    // a sign-off the paragraph joining put after the last sentence goes too
    expect(run('Negotiations will resume next Tuesday, he said. Reuter')).toEqual([]);
    expect(pick(run('Prime Minister Theresa May met the Bank of England governor in May.'))).toContainEqual(['PERSON', 'Theresa May', 'Theresa May']);
  });

  it('drops unexplained title-case phrases made of common words', () => {
    expect(run('Students entered the Science Fair with a Better Idea than most.')).toEqual([]);
  });
});
