/**
 * GUM news documents (ner/gum-news) as extra training documents in CoNLL's conventions.
 *
 * GUM spans are whole mentions: "the United States", "U.S. President Donald Trump's", "Swedish
 * captain Andreas Granqvist". CoNLL tags the name alone. Each gold mention becomes the name it
 * contains: its Wikipedia identity where the mention spells it out ("Donald Trump" in "U.S.
 * President Donald Trump's"), else the mention without leading determiners, lower-case words and
 * possessors and without a trailing "'s" ("the Sea Org" -> "Sea Org"); a person's mention without
 * its identity must then be a bare name ("Trump"). What is left is kept only if it looks like a
 * name (capitalized first and last word; inside only capitalized words, name particles and "of",
 * "and", "for", "&", "-"; no title word or demonym in a person's name). Descriptions such as
 * "Muslims traveling to the U.S." are dropped; the names nested in them are GUM mentions of their
 * own. Events, works and products are MISC; `time` mentions (days, months) are outside, as in
 * CoNLL. A national team named by its country ("Sweden" beat "Belgium") is the place, as in CoNLL
 * and this stage, where GUM calls it an organisation. Overlaps keep the earlier, then the longer
 * span.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '../paths.js';
import { tokenize, Kind, type Token } from '../../stages/entities/tokenize.js';
import { TITLE_WORDS, NAME_PARTICLES } from '../../stages/entities/lexicon.js';
import { DEMONYMS } from '../../stages/entities/gazetteer.js';
import type { CharSpan, ConllDoc, ConllType } from './conll.js';

export const GUM_DIR = join(SHARED_DATA, 'ner/gum-news');

const TYPES: Record<string, ConllType | null> = {
  person: 'PER', organization: 'ORG', place: 'LOC', event: 'MISC', object: 'MISC', abstract: 'MISC', substance: 'MISC', animal: 'MISC', time: null,
};
const CONNECTORS = new Set(['of', 'and', 'for', '&', '-', 'the']);

/** Wikipedia titles of teams that play for a country ("Sweden_national_football_team"). */
const NATIONAL_TEAM = /_national_[a-z_]*team$/;

function typeOf(r: GumRecord['entities'][number]): ConllType | null {
  if (r.type === 'organization' && r.identity && NATIONAL_TEAM.test(r.identity)) return 'LOC';
  return TYPES[r.type] ?? null;
}

interface GumRecord {
  id: string;
  entities: Array<{ start: number; end: number; type: string; identity: string | null }>;
}

/** GUM documents in id order (the order the evaluation's dev/test halves use). */
export function readGum(dir = GUM_DIR): Array<{ id: string; text: string; records: GumRecord['entities'] }> {
  return readFileSync(join(dir, 'gold.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GumRecord)
    .map((r) => ({ id: r.id, text: readFileSync(join(dir, `${r.id}.txt`), 'utf8'), records: r.entities }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function gumAsConll(doc: { id: string; text: string; records: GumRecord['entities'] }): ConllDoc {
  const tokens = tokenize(doc.text);
  const spans: CharSpan[] = [];
  for (const r of doc.records) {
    const type = typeOf(r);
    if (!type) continue;
    const inside = tokens.filter((t) => t.start >= r.start && t.end <= r.end);
    const name = identityName(doc.text, r, inside) ?? (type === 'PER' ? personName(inside) : bareName(inside));
    if (name.length && looksLikeName(name, type)) spans.push({ start: name[0].start, end: name[name.length - 1].end, type });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const entities: CharSpan[] = [];
  for (const s of spans) if (!entities.length || s.start >= entities[entities.length - 1].end) entities.push(s);
  return { id: doc.id, text: doc.text, entities };
}

const isNameWord = (t: Token): boolean => t.kind === Kind.Word && t.cap && !TITLE_WORDS.has(t.low.replace(/\.$/, '')) && !DEMONYMS.has(t.low);

/** The tokens of the mention that spell its Wikipedia identity ("Donald_Trump"), if any. */
function identityName(text: string, r: GumRecord['entities'][number], tokens: Token[]): Token[] | null {
  if (!r.identity) return null;
  const name = r.identity.replace(/_/g, ' ').replace(/ \(.*\)$/, '');
  const at = text.slice(r.start, r.end).indexOf(name);
  if (at < 0) return null;
  const from = r.start + at;
  const span = tokens.filter((t) => t.start >= from && t.end <= from + name.length);
  return span.length && span[0].start === from && span[span.length - 1].end === from + name.length ? span : null;
}

/** A person's mention that is a bare name ("Trump", "Dean Kamen"), after any determiner. */
function personName(tokens: Token[]): Token[] {
  const bare = bareName(tokens);
  return bare.length === tokens.length - (tokens.length && tokens[0].low === 'the' ? 1 : 0) ? bare : [];
}

/** Without leading determiners, lower-case words and possessors, and without a trailing "'s". */
function bareName(tokens: Token[]): Token[] {
  let start = 0;
  for (let k = 0; k < tokens.length; k++) if (tokens[k].kind === Kind.Poss) start = k + 1;
  while (start < tokens.length && !(tokens[start].kind === Kind.Word && tokens[start].cap)) start++;
  let end = tokens.length;
  while (end > start && tokens[end - 1].kind !== Kind.Word && tokens[end - 1].kind !== Kind.Num) end--;
  return tokens.slice(start, end);
}

function looksLikeName(tokens: Token[], type: ConllType): boolean {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first.cap || !(last.cap || last.kind === Kind.Num)) return false;
  if (type === 'PER' && !tokens.every((t) => !t.cap || isNameWord(t))) return false;
  return tokens.every((t) => t.cap || t.kind === Kind.Num || NAME_PARTICLES.has(t.low) || CONNECTORS.has(t.low));
}
