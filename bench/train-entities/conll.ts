/**
 * CoNLL-2003 files (ner/conll2003/README.md) as documents with character-offset gold.
 *
 * A document's text is its sentences' tokens joined by single spaces, one sentence per line (the
 * README's "text rebuilt by joining tokens with spaces"); `joiner: ' '` puts the whole document on
 * one line instead, for checking that nothing depends on the line breaks. NER tags are IOB1:
 * `I-X` continues an entity of type X when the previous token has type X, `B-X` starts a new one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '../paths.js';

export const CONLL_DIR = join(SHARED_DATA, 'ner/conll2003');

export const CONLL_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type ConllType = (typeof CONLL_TYPES)[number];

export interface CharSpan {
  start: number;
  end: number;
  type: ConllType;
}

export interface ConllDoc {
  /** File name and 0-based document number, e.g. `eng.testa#12`. */
  id: string;
  text: string;
  entities: CharSpan[];
}

export function readConll(path: string, joiner: '\n' | ' ' = '\n'): ConllDoc[] {
  const name = path.replace(/.*\//, '');
  const docs: ConllDoc[] = [];
  let sentences: Array<Array<[string, string]>> = [];
  let current: Array<[string, string]> = [];
  const endSentence = () => {
    if (current.length) sentences.push(current);
    current = [];
  };
  const endDoc = () => {
    endSentence();
    if (sentences.length) docs.push(buildDoc(`${name}#${docs.length}`, sentences, joiner));
    sentences = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      endDoc();
      continue;
    }
    if (!line.trim()) {
      endSentence();
      continue;
    }
    const cols = line.split(' ');
    current.push([cols[0], cols[cols.length - 1]]);
  }
  endDoc();
  return docs;
}

function buildDoc(id: string, sentences: Array<Array<[string, string]>>, joiner: string): ConllDoc {
  let text = '';
  const entities: CharSpan[] = [];
  for (const sentence of sentences) {
    if (text) text += joiner;
    let open: CharSpan | null = null;
    let prevType = '';
    sentence.forEach(([token, tag], k) => {
      if (k > 0) text += ' ';
      const start = text.length;
      text += token;
      const type = tag === 'O' ? '' : tag.slice(2);
      const continues = type !== '' && type === prevType && tag.startsWith('I-');
      if (open && !continues) {
        entities.push(open);
        open = null;
      }
      if (type && !continues) open = { start, end: text.length, type: type as ConllType };
      else if (open) open.end = text.length;
      prevType = type;
    });
    if (open) entities.push(open);
  }
  return { id, text, entities };
}
