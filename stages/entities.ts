/**
 * Entities stage: PERSON, ORG, PLACE and MONEY mentions with canonical names and ids.
 *
 * A learned sequence tagger (averaged perceptron over BILOU tags, Viterbi decoding; trained on
 * CoNLL-2003 by `npm run train -- entities`, model in models/entities/) finds the names; MONEY
 * amounts, gazetteer aliases and canonical names within the document come from the rule-based
 * parts kept from the earlier tagger (stages/entities/learned.ts). The model is English: other
 * documents get no mentions and a note saying why (stages/entities/language.ts).
 * Offsets are UTF-16 offsets into `doc.text`.
 */
import type { Doc } from '../pipeline/doc.js';
import type { DocStage, StageContext } from '../pipeline/stage.js';
import { entityLanguage } from './entities/language.js';
import { learnedMentions } from './entities/learned.js';
import { englishTagger } from './entities/model/load.js';

export function process(doc: Doc, ctx?: StageContext): Doc {
  if (doc.reject) return doc;
  const language = entityLanguage(doc);
  if (language !== 'en') {
    const note = { stage: 'entities', code: 'unsupported_language', detail: language };
    return { ...doc, mentions: [], notes: [...(doc.notes ?? []), note] };
  }
  return { ...doc, mentions: learnedMentions(doc.text, englishTagger(), ctx?.budget) };
}

export const entities: DocStage = {
  name: 'entities',
  kind: 'doc',
  reads: ['text', 'language'],
  writes: ['mentions', 'notes'],
  describe: 'Tag PERSON/ORG/PLACE/MONEY mentions with a learned sequence tagger (English) and canonicalize names per document',
  // The model is read once per thread before the first document, not by importing the stage.
  load: async () => { englishTagger(); },
  process,
};
