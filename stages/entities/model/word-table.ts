/**
 * The run-time tagger's word cache: word text -> WordInfo (or another value: the lower-case forms'
 * ids, features.ts LowerIds), in an open-addressing table that hashes the text itself.
 *
 * Why not a Map: every token's text is a fresh string sliced from the document, and a Map lookup
 * of a fresh string (no hash computed yet, not internalized) goes through V8's string table first;
 * that, not the probe, was most of what a lookup cost. Hashing the few code units here and
 * comparing with `===` (a length check, then the units) skips it.
 */
import type { WordInfo } from './features.js';
import { hashString } from './hash.js';
import { detached } from '../../../pipeline/detach.js';

const FIRST_CAPACITY = 1 << 12;

export class WordTable<V = WordInfo> {
  /** Per slot: the text's hash; meaningful only where `words` holds a text. */
  private hashes = new Int32Array(FIRST_CAPACITY);
  private words: Array<string | undefined> = new Array<string | undefined>(FIRST_CAPACITY).fill(undefined);
  private infos: Array<V | undefined> = new Array<V | undefined>(FIRST_CAPACITY).fill(undefined);
  private mask = FIRST_CAPACITY - 1;
  size = 0;

  get(word: string): V | undefined {
    const h = wordHash(word);
    const words = this.words;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const w = words[slot];
      if (w === undefined) return undefined;
      if (this.hashes[slot] === h && w === word) return this.infos[slot];
    }
  }

  /** Adds a word that `get` did not find (a copy of it: a token's text is a piece of its document, which it would keep). */
  add(word: string, info: V): void {
    // at most half full, so probe runs stay short
    if (2 * (this.size + 1) > this.words.length) this.grow();
    this.place(wordHash(word), detached(word), info);
    this.size++;
  }

  clear(): void {
    this.words.fill(undefined);
    this.infos.fill(undefined);
    this.size = 0;
  }

  private place(h: number, word: string, info: V): void {
    const mask = this.mask;
    let slot = h & mask;
    while (this.words[slot] !== undefined) slot = (slot + 1) & mask;
    this.hashes[slot] = h;
    this.words[slot] = word;
    this.infos[slot] = info;
  }

  private grow(): void {
    const { hashes, words, infos } = this;
    const capacity = words.length * 2;
    this.hashes = new Int32Array(capacity);
    this.words = new Array<string | undefined>(capacity).fill(undefined);
    this.infos = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    for (let slot = 0; slot < words.length; slot++) {
      const w = words[slot];
      if (w !== undefined) this.place(hashes[slot], w, infos[slot]!);
    }
  }
}

/** The project's string hash, as the signed value the hash column holds. */
const wordHash = (word: string): number => hashString(word, 0) | 0;
