/**
 * Entities stage: rule-based + gazetteer named-entity tagger (no NLP dependency).
 *
 * Why hand-written: the NLP library we tried missed "Xi Jinping", kept titles and punctuation in
 * names and ran at ~180 KB/s. This tagger tokenizes once, finds capitalized runs, classifies them
 * with gazetteers and cue words (stages/entities/tagger.ts) and canonicalizes names within the
 * document (stages/entities/canonical.ts). Offsets are UTF-16 offsets into `doc.text`.
 */
import type { Doc } from '../pipeline/doc.js';
import type { DocStage, StageContext } from '../pipeline/stage.js';
import { findCandidates } from './entities/tagger.js';
import { resolveMentions } from './entities/canonical.js';

export function process(doc: Doc, _ctx?: StageContext): Doc {
  if (doc.reject) return doc;
  const mentions = resolveMentions(doc.text, findCandidates(doc.text));
  return { ...doc, mentions };
}

export const entities: DocStage = {
  name: 'entities',
  kind: 'doc',
  reads: ['text', 'language'],
  writes: ['mentions', 'notes'],
  describe: 'Tag PERSON/ORG/PLACE/MONEY mentions with rules + gazetteers and canonicalize names per document',
  process,
};
