/**
 * The dedupe index: two-phase (observe every document of a run in stream order, then resolve
 * once at the end of the run) and persistent across runs (toBuffer/fromBuffer).
 *
 * Per document it keeps: content hash (32 B, sha256 of the digit-folded normalized text), strict
 * key (8 B, sha256 prefix of the normalized text with digits kept), MinHash signature (112 x u8:
 * the low 8 bits of each value, b-bit MinHash; minhash.ts has what that changes),
 * a 128-bit set of the numbers in the text, publication day, cluster id (8 B), representative slot, and a few links,
 * all in typed arrays (~210 B a slot plus the band tables; docs/dedupe.md, "Memory"). Nothing is O(n^2):
 * phase 1 verifies only LSH candidates (at most MAX_CANDIDATES per document), phase 2 works
 * per connected component of verified edges and compares each new document only with cluster
 * representatives (those of its neighbours plus at most MAX_COMPONENT_REPS of its component).
 *
 * Rules (docs/dedupe.md has the reasoning):
 *  - exact duplicate: same content hash AND same strict key (identical after case, whitespace,
 *    punctuation folding; digits must match too). An exact copy is not put in the LSH buckets:
 *    it shares its first copy's signature and reaches the others through it.
 *  - near duplicate: candidate pair from LSH (28 bands x 4 rows), verified by estimated Jaccard
 *    on the full 112-value signature >= threshold (0.5), publication days <= 7 apart when both
 *    are known, and the numbers check (nearCompatible).
 *  - clustering: union-find over verified edges gives components; in a component, new documents
 *    are taken earliest published first (no date sorts last, ties by smallest doc_id) and each
 *    joins the existing representative it is most similar to, if that similarity is >= threshold,
 *    otherwise it becomes a new representative. So a chain A~B~C with A!~C leaves C in its own
 *    cluster (or in another one it is close to): every duplicate is within threshold of its
 *    representative, and `similarity` is always the similarity to that representative.
 *  - representatives decided in an earlier run (i.e. before the last resolve) never change and
 *    clusters of earlier runs are never merged: a later copy joins them as a duplicate even if its
 *    publication date is earlier. Only remove() of a representative moves a cluster's
 *    representative (to its earliest surviving member); its cluster id stays.
 *  - cluster id: first 16 hex of sha256(representative doc_id + "\n" + its content hash), fixed
 *    when the cluster is created (later members copy it; a later change of representative by
 *    remove() keeps it). Independent of the run id, so a rerun gives identical tables.
 */
import { createHash } from 'node:crypto';
import { BandTable } from './band-table.js';
import { CHUNK_BITS, CHUNK_MASK, growChunks } from './chunks.js';
import { DocIds } from './doc-ids.js';
import { ExactTable } from './exact-table.js';
import { IntList } from './int-list.js';
import { BANDS, NUM_PERM, PERM_SEED, ROWS, SHINGLE_WORDS, bandKeys, signatureOf } from './minhash.js';
import { normalizeAndHash } from './normalize.js';

export interface DedupeEntry {
  docId: string;
  /** The article text (after boilerplate removal). */
  text: string;
  /** Publication day, YYYY-MM-DD, or null when unknown (sorts after every date). */
  published: string | null;
}

export interface DedupeDecision {
  /** sha256 hex of the normalized text (case, whitespace, punctuation, digits folded). */
  contentHash: string;
  /** 16 hex chars; equal for every member of a cluster and stable across runs. */
  clusterId: string;
  isDuplicate: boolean;
  /** doc_id of the cluster's representative (the kept copy). */
  duplicateOf?: string;
  /** Estimated Jaccard similarity to the representative, 3 decimals (1 for exact). */
  similarity?: number;
  method?: 'exact' | 'near';
  /**
   * Key of the exact decision: equal for two documents exactly when they are copies of each other
   * (normalized text with digits kept). Lets a caller see that two near copies of one kept
   * document are exact copies of each other.
   */
  exactKey?: string;
}

export interface DedupeIndexOptions {
  /** Minimum estimated Jaccard similarity for a near duplicate (default 0.5). */
  threshold?: number;
}

export const DEFAULT_NEAR_THRESHOLD = 0.5;
/** LSH candidates verified per observed document at most (bounds work on huge near-copy clusters). */
export const MAX_CANDIDATES = 256;
/** Representatives of its component a new document is compared with, besides its neighbours'. */
export const MAX_COMPONENT_REPS = 16;
/** Near duplicates (not exact ones) must be published at most this many days apart, when both dates are known. */
export const MAX_NEAR_DAYS = 7;

const MAGIC = 'NEDI'; // News-Etl Dedupe Index
/** 4: 8-bit signature values (112 B a document); versions 3 (16-bit values) and 2 (32-bit) still load. */
const VERSION = 4;
const VERSION_U16_SIGS = 3;
const VERSION_U32_SIGS = 2;
const HEADER_BYTES = 24;
const HASH_BYTES = 32;
const STRICT_BYTES = 8;
const CLUSTER_BYTES = 8;
const SIG_BYTES = NUM_PERM;
const SIG_BYTES_V3 = NUM_PERM * 2;
const SIG_BYTES_V2 = NUM_PERM * 4;
const NUM_WORDS = 4; // 128-bit number set
const NUM_BYTES = NUM_WORDS * 4;
/** Fixed bytes per document in toBuffer output; add the doc_id's UTF-8 length. */
export const PERSISTED_FIXED_BYTES_PER_DOC = HASH_BYTES + STRICT_BYTES + SIG_BYTES + NUM_BYTES + 4 + CLUSTER_BYTES + 4 + 2;
export const PERSISTED_HEADER_BYTES = HEADER_BYTES;
/** Header flag: shingles are taken with digits kept (version 1 folded them). */
const FLAG_DIGITS_KEPT = 1;
const NO_DATE = 0x7fffffff;
const PENDING = -1;
const DAY_MS = 86_400_000;

function parseDay(published: string | null): number {
  if (published === null) return NO_DATE;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
  if (!m) throw new Error(`dedupe: published must be YYYY-MM-DD or null, got ${JSON.stringify(published)}`);
  return Math.floor(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS);
}

/** Set bits (hash mod 128) for the number tokens (words holding a digit) of normalized text. */
function numberSet(kept: string, out: Uint32Array, at: number): void {
  for (let k = 0; k < NUM_WORDS; k++) out[at + k] = 0;
  let h = 0x811c9dc5;
  let digit = false;
  for (let i = 0; i <= kept.length; i++) {
    const c = i < kept.length ? kept.charCodeAt(i) : 32;
    if (c === 32) {
      if (digit) {
        let x = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
        x = (x ^ (x >>> 12)) & 127;
        out[at + (x >>> 5)] |= 1 << (x & 31);
      }
      h = 0x811c9dc5;
      digit = false;
    } else {
      h = Math.imul(h ^ c, 0x01000193);
      if (c >= 48 && c <= 57) digit = true;
    }
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * Cluster id: sha256(representative doc_id + "\n" + its content hash), first 8 bytes. Not the run
 * id: a rerun of the same input (e.g. after a crash) must give identical tables.
 */
function clusterIdBytes(docId: string, contentHashHex: string): Buffer {
  return createHash('sha256').update(`${docId}\n${contentHashHex}`, 'utf8').digest().subarray(0, CLUSTER_BYTES);
}

/** What observe() needs of a document, computed from its text alone (no index access). */
export interface DedupeFeatures {
  docId: string;
  /** Publication day number (parseDay). */
  day: number;
  /** sha256 of the digit-folded normalized text. */
  hash: Uint8Array;
  /** First STRICT_BYTES of the sha256 of the normalized text with digits kept. */
  strict8: Uint8Array;
  nums: Uint32Array;
  /** MinHash signature (low 16 bits of each value); null when the normalized text is empty (such a document is never a duplicate). */
  signature: Uint8Array | null;
}

export function dedupeFeatures(entry: DedupeEntry): DedupeFeatures {
  const { kept, folded, strict } = normalizeAndHash(entry.text);
  // Copies, not views: a view into a pooled Buffer would carry the whole pool through postMessage.
  const hash = new Uint8Array(folded);
  const nums = new Uint32Array(NUM_WORDS);
  const day = parseDay(entry.published);
  if (kept.length === 0) return { docId: entry.docId, day, hash, strict8: hash.slice(0, STRICT_BYTES), nums, signature: null };
  numberSet(kept, nums, 0);
  return { docId: entry.docId, day, hash, strict8: new Uint8Array(strict.subarray(0, STRICT_BYTES)), nums, signature: signatureOf(kept) };
}

export class DedupeIndex {
  readonly threshold: number;
  /** Signature positions that must agree: estimated Jaccard >= threshold <=> same >= minSame. */
  private readonly minSame: number;

  private cap = 0;
  private count = 0; // slots allocated (dead ones included until compaction)
  /** doc_id <-> slot (packed hex ids, a Map for other strings). */
  private readonly ids = new DocIds();
  private alive = new Uint8Array(0);
  /** Content hashes (HASH_BYTES a slot), in chunks (chunks.ts). */
  private hashBytes: Uint8Array[] = [];
  private strictBytes = new Uint8Array(0);
  private clusterBytes = new Uint8Array(0);
  /** b-bit MinHash signatures: NUM_PERM x u8 per slot, in chunks. */
  private sigs: Uint8Array[] = [];
  /** 128-bit set of the numbers (tokens with a digit) in the text; see numbersAgree. */
  private nums = new Uint32Array(0);
  private day = new Int32Array(0);
  /** Representative slot (itself for a representative); PENDING until resolve(). */
  private rep = new Int32Array(0);
  /** Cluster member list, headed by the representative. */
  private memberNext = new Int32Array(0);
  /** Exact-copy chain (same strict key); the head is the only one in the LSH buckets. */
  private exactNext = new Int32Array(0);
  private inBuckets = new Uint8Array(0);
  private stamp = new Int32Array(0);
  private stampId = 0;

  /** Exact key (strict key + content hash) -> head slot of the exact chain. */
  private readonly exactHead = new ExactTable({
    hash32: (s) => {
      const h = this.hashBytes[s >>> CHUNK_BITS];
      const o = (s & CHUNK_MASK) * HASH_BYTES;
      return h[o] | (h[o + 1] << 8) | (h[o + 2] << 16) | (h[o + 3] << 24);
    },
    fingerprint: (s) => this.strictBytes[s * STRICT_BYTES] & 63,
    sameKey: (a, b) => this.sameExactKey(a, b),
  });
  private readonly bands: BandTable[] = Array.from({ length: BANDS }, (_, band) => new BandTable(band));
  /** One band's bucket, reused by candidates(). */
  private readonly bucketScratch: number[] = [];

  // ---- state of the current run (between observe and resolve) ----
  private pending = new IntList();
  /** Verified edges of this run, as pairs of slots (a0, b0, a1, b1, ...). */
  private edges = new IntList();
  /** Documents of earlier runs observed again unchanged: their decision is returned as is. */
  private reobserved = new Set<number>();
  /** Documents whose normalized text is empty: never indexed, never duplicates. */
  private empty = new Map<string, { hash: string }>();
  /** The empty documents of the last settle(), for decision(). */
  private decidedEmpty = new Map<string, { hash: string }>();

  constructor(options: DedupeIndexOptions = {}) {
    const t = options.threshold ?? DEFAULT_NEAR_THRESHOLD;
    if (!(t > 0 && t <= 1)) throw new Error(`dedupe threshold must be in (0, 1], got ${t}`);
    this.threshold = t;
    this.minSame = Math.ceil(t * NUM_PERM - 1e-9);
    this.grow(64);
  }

  /** Number of documents in the index (decided or pending; empty texts are not indexed). */
  get size(): number {
    return this.ids.size;
  }

  /** Documents observed since the last resolve(). */
  get pendingCount(): number {
    return this.pending.length + this.reobserved.size + this.empty.size;
  }

  has(docId: string): boolean {
    return this.ids.has(docId);
  }

  // ------------------------------------------------------------------ phase 1

  /**
   * Phase 1, in stream order: normalize, hash, sign, find and verify LSH candidates. Keeps the
   * signature and the verified edges, not the text. Observing a doc_id the index already holds
   * with the same normalized text is a no-op (its earlier decision is returned by resolve);
   * with other text it replaces the old version (as remove() + observe()).
   * `runId` names the observing run for error messages; no id or decision depends on it, so a
   * rerun of the same input gives the same cluster ids.
   */
  observe(entry: DedupeEntry, runId: string): void {
    this.observeFeatures(dedupeFeatures(entry), runId);
  }

  /**
   * observe() for features computed elsewhere (dedupeFeatures, e.g. in a worker thread): the
   * text work is per document and parallel, only the index lookups need the one shared index.
   */
  observeFeatures(f: DedupeFeatures, runId: string): void {
    if (typeof runId !== 'string') throw new Error('dedupe: observe needs the run id');
    const { docId } = f;
    this.empty.delete(docId);
    if (f.signature === null) {
      if (this.ids.has(docId)) this.remove(docId);
      this.empty.set(docId, { hash: Buffer.from(f.hash).toString('hex') });
      return;
    }
    const existing = this.ids.get(docId);
    if (existing !== -1) {
      if (this.hasExactKey(existing, f.strict8, f.hash)) {
        if (this.rep[existing] !== PENDING) this.reobserved.add(existing);
        return;
      }
      this.remove(docId);
    }
    const signature = f.signature;
    this.insert(docId, f.day, f.hash, f.strict8, f.nums, () => signature);
  }

  /** Adds a document by its features (shared by observe and the global merge of shard indexes). */
  private insert(docId: string, day: number, hash: Uint8Array, strict8: Uint8Array, nums: Uint32Array, signature: () => Uint8Array): void {
    const s = this.alloc(docId, day);
    this.hashBytes[s >>> CHUNK_BITS].set(hash, (s & CHUNK_MASK) * HASH_BYTES);
    this.strictBytes.set(strict8, s * STRICT_BYTES);
    this.rep[s] = PENDING;
    this.nums.set(nums, s * NUM_WORDS);
    this.pending.push(s);

    const head = this.exactHead.head(s);
    if (head !== -1) {
      // Exact copy: same shingles, same signature; linked to the first copy only.
      this.sigOf(s).set(this.sigOf(head));
      this.exactNext[s] = this.exactNext[head];
      this.exactNext[head] = s;
      this.edges.push(s);
      this.edges.push(head);
      return;
    }
    this.exactHead.add(s);
    this.sigOf(s).set(signature());
    for (const c of this.candidates(s)) {
      this.edges.push(s);
      this.edges.push(c);
    }
    this.insertBuckets(s);
  }

  /**
   * Global dedupe over shards: every live document of every shard index (in shard order, then
   * the order each shard saw them) decided as if one run had seen them all. Uses only the stored
   * signatures and hashes, never text. The shard indexes are not changed.
   */
  static resolveGlobal(shards: DedupeIndex[], options: DedupeIndexOptions = {}): Map<string, DedupeDecision> {
    const merged = new DedupeIndex(options);
    for (const shard of shards) {
      for (let s = 0; s < shard.count; s++) {
        if (!shard.alive[s]) continue;
        const docId = shard.ids.idOf(s);
        if (merged.ids.has(docId)) continue;
        merged.insert(
          docId, shard.day[s],
          shard.hashOf(s),
          shard.strictBytes.subarray(s * STRICT_BYTES, (s + 1) * STRICT_BYTES),
          shard.nums.subarray(s * NUM_WORDS, (s + 1) * NUM_WORDS),
          () => shard.sigOf(s).slice(),
        );
      }
      for (const [docId, e] of shard.empty) merged.empty.set(docId, e);
    }
    return merged.resolve();
  }

  /** Verified LSH candidates of slot s (estimated Jaccard >= threshold), at most MAX_CANDIDATES checked. */
  private candidates(s: number): number[] {
    const keys = bandKeys(this.sigs[s >>> CHUNK_BITS], (s & CHUNK_MASK) * NUM_PERM);
    const id = ++this.stampId;
    const out: number[] = [];
    const bucket = this.bucketScratch;
    let checked = 0;
    for (let band = 0; band < BANDS && checked < MAX_CANDIDATES; band++) {
      bucket.length = 0;
      this.bands[band].collect(keys[band], this.sigs, s, bucket);
      // newest first, as the bucket lists were: the cap keeps the latest copies
      for (let j = bucket.length - 1; j >= 0; j--) {
        const c = bucket[j];
        if (this.stamp[c] === id) continue;
        this.stamp[c] = id;
        if (!this.alive[c] || c === s) continue;
        if (this.same(s, c) >= this.minSame && this.nearCompatible(s, c)) out.push(c);
        if (++checked >= MAX_CANDIDATES) break;
      }
    }
    return out;
  }

  private insertBuckets(s: number): void {
    const keys = bandKeys(this.sigs[s >>> CHUNK_BITS], (s & CHUNK_MASK) * NUM_PERM);
    for (let band = 0; band < BANDS; band++) this.bands[band].add(keys[band], this.sigs, s);
    this.inBuckets[s] = 1;
  }

  // ------------------------------------------------------------------ phase 2

  /**
   * Phase 2, once at the end of the run: cluster and decide every document observed since the
   * last resolve(). Returns doc_id -> decision for exactly those documents (including unchanged
   * re-observed ones, with their earlier decision). Afterwards they count as earlier-run docs.
   */
  resolve(): Map<string, DedupeDecision> {
    const decided = this.settle();
    const out = new Map<string, DedupeDecision>();
    for (const id of decided) out.set(id, this.decision(id)!);
    return out;
  }

  /**
   * resolve() without the map: decides, and returns the doc_ids decided; decision(docId) then
   * answers for each of them. For runs too big to hold every decision object at once.
   */
  settle(): string[] {
    const { alive, rep } = this;
    const pending = this.pending.view();
    const edges = this.edges.view(); // pairs: a0 b0 a1 b1 ...
    // Local numbers for the slots this settle touches, in the order the union-find saw them:
    // the live pending slots (pending order), then the other ends of the edges (edge order).
    // Everything below works on typed arrays over these numbers (no Map of numbers, no arrays
    // of arrays): for 200k documents a few MB instead of ~70 MB of Map entries.
    const localOf = new Int32Array(this.count).fill(-1);
    const slotAt = new Int32Array(pending.length + edges.length);
    let n = 0;
    for (let i = 0; i < pending.length; i++) {
      const s = pending[i];
      if (alive[s] && localOf[s] === -1) {
        localOf[s] = n;
        slotAt[n++] = s;
      }
    }
    let liveEdges = 0;
    for (let i = 0; i < edges.length; i += 2) {
      const a = edges[i];
      const b = edges[i + 1];
      if (!alive[a] || !alive[b]) continue;
      liveEdges++;
      if (localOf[a] === -1) {
        localOf[a] = n;
        slotAt[n++] = a;
      }
      if (localOf[b] === -1) {
        localOf[b] = n;
        slotAt[n++] = b;
      }
    }
    // union-find (path halving) and adjacency in CSR form, both ways, each list in edge order
    const parent = new Int32Array(n);
    for (let l = 0; l < n; l++) parent[l] = l;
    const find = (x: number): number => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    };
    const adjStart = new Int32Array(n + 1);
    for (let i = 0; i < edges.length; i += 2) {
      const a = edges[i];
      const b = edges[i + 1];
      if (!alive[a] || !alive[b]) continue;
      const la = localOf[a];
      const lb = localOf[b];
      adjStart[la + 1]++;
      adjStart[lb + 1]++;
      const ra = find(la);
      const rb = find(lb);
      if (ra !== rb) {
        if (ra < rb) parent[rb] = ra;
        else parent[ra] = rb;
      }
    }
    for (let l = 0; l < n; l++) adjStart[l + 1] += adjStart[l];
    const adj = new Int32Array(2 * liveEdges);
    {
      const fill = adjStart.slice(0, n);
      for (let i = 0; i < edges.length; i += 2) {
        const a = edges[i];
        const b = edges[i + 1];
        if (!alive[a] || !alive[b]) continue;
        const la = localOf[a];
        const lb = localOf[b];
        adj[fill[la]++] = lb;
        adj[fill[lb]++] = la;
      }
    }
    // the local numbers are not needed any more: the array holds the representatives' ranks below
    const rankOf = localOf;
    // components in the order of their first slot; members of each in local order (counting sort)
    const compOfRoot = new Int32Array(n).fill(-1);
    const compOf = new Int32Array(n);
    let comps = 0;
    for (let l = 0; l < n; l++) {
      const r = find(l);
      if (compOfRoot[r] === -1) compOfRoot[r] = comps++;
      compOf[l] = compOfRoot[r];
    }
    const compStart = new Int32Array(comps + 1);
    for (let l = 0; l < n; l++) compStart[compOf[l] + 1]++;
    for (let c = 0; c < comps; c++) compStart[c + 1] += compStart[c];
    const members = new Int32Array(n);
    {
      const fill = compStart.slice(0, comps);
      for (let l = 0; l < n; l++) members[fill[compOf[l]]++] = l;
    }

    const order = (a: number, b: number) =>
      this.day[a] - this.day[b] || this.ids.compare(a, b);
    const orderLocal = (a: number, b: number) => order(slotAt[a], slotAt[b]);
    const stamp = this.stamp;
    const cands: number[] = [];
    let twinRep: Int32Array | undefined; // allocated at the first component of 2+ slots
    const twinHeads: number[] = [];
    for (let c = 0; c < comps; c++) {
      const from = compStart[c];
      const to = compStart[c + 1];
      if (to - from === 1) {
        // a new document with no verified edge (most of them): its own representative
        const m = slotAt[members[from]];
        if (rep[m] === PENDING) this.makeRep(m);
        continue;
      }
      const earlier: number[] = [];
      const fresh: number[] = []; // local numbers
      for (let i = from; i < to; i++) {
        const l = members[i];
        if (rep[slotAt[l]] === PENDING) fresh.push(l);
        else earlier.push(slotAt[l]);
      }
      // representatives already decided (earlier runs) come first and never change
      const repStamp = ++this.stampId;
      const reps: number[] = [];
      for (const s of earlier) {
        const r = rep[s];
        if (stamp[r] !== repStamp) {
          stamp[r] = repStamp;
          reps.push(r);
        }
      }
      reps.sort(order);
      for (let i = 0; i < reps.length; i++) rankOf[reps[i]] = i;
      fresh.sort(orderLocal);
      // exact copies always share a cluster: the first one decided picks it for all
      // (twinRep[head of an exact chain] = that cluster's representative, reset after the component)
      twinRep ??= new Int32Array(this.count).fill(-1);
      twinHeads.length = 0;
      for (const s of earlier) {
        const head = this.exactHead.head(s);
        if (twinRep[head] === -1) {
          twinRep[head] = rep[s];
          twinHeads.push(head);
        }
      }
      for (const lm of fresh) {
        const m = slotAt[lm];
        const head = this.exactHead.head(m);
        const twin = twinRep[head];
        if (twin !== -1) {
          this.join(m, twin);
          continue;
        }
        twinHeads.push(head);
        const candStamp = ++this.stampId;
        cands.length = 0;
        for (let i = adjStart[lm]; i < adjStart[lm + 1]; i++) {
          const r = rep[slotAt[adj[i]]];
          if (r !== PENDING && stamp[r] !== candStamp) {
            stamp[r] = candStamp;
            cands.push(r);
          }
        }
        for (let i = 0; i < reps.length && i < MAX_COMPONENT_REPS; i++) {
          const r = reps[i];
          if (stamp[r] !== candStamp) {
            stamp[r] = candStamp;
            cands.push(r);
          }
        }
        let best = -1;
        let bestSame = -1;
        for (const r of cands) {
          if (!this.nearCompatible(m, r)) continue;
          const same = this.same(m, r);
          if (same > bestSame || (same === bestSame && rankOf[r] < rankOf[best])) {
            best = r;
            bestSame = same;
          }
        }
        if (best >= 0 && bestSame >= this.minSame) {
          twinRep[head] = best;
          this.join(m, best);
        } else {
          twinRep[head] = m;
          this.makeRep(m);
          rankOf[m] = reps.length;
          reps.push(m);
        }
      }
      for (const head of twinHeads) twinRep[head] = -1;
    }

    const decided: string[] = [];
    for (let i = 0; i < pending.length; i++) if (alive[pending[i]]) decided.push(this.ids.idOf(pending[i]));
    for (const s of this.reobserved) if (alive[s]) decided.push(this.ids.idOf(s));
    for (const docId of this.empty.keys()) decided.push(docId);
    this.pending = new IntList();
    this.edges = new IntList();
    this.reobserved = new Set();
    // Documents without text are never indexed; their decisions stay answerable until the next run's settle().
    this.decidedEmpty = this.empty;
    this.empty = new Map();
    return decided;
  }

  /** Make pending slot m the representative of a new cluster. */
  private makeRep(m: number): void {
    this.rep[m] = m;
    this.memberNext[m] = -1;
    this.clusterBytes.set(clusterIdBytes(this.ids.idOf(m), this.hashHex(m)), m * CLUSTER_BYTES);
  }

  /** Make pending slot m a member of the cluster represented by r. */
  private join(m: number, r: number): void {
    this.rep[m] = r;
    this.memberNext[m] = this.memberNext[r];
    this.memberNext[r] = m;
    this.clusterBytes.copyWithin(m * CLUSTER_BYTES, r * CLUSTER_BYTES, (r + 1) * CLUSTER_BYTES);
  }

  /** The decision for a decided document, as it stands now. */
  decisionOf(s: number): DedupeDecision {
    const contentHash = this.hashHex(s);
    const clusterId = Buffer.from(this.clusterBytes.buffer, this.clusterBytes.byteOffset + s * CLUSTER_BYTES, CLUSTER_BYTES).toString('hex');
    const r = this.rep[s];
    if (r === PENDING) throw new Error(`dedupe: ${this.ids.idOf(s)} is not resolved yet`);
    const exactKey = this.exactKeyHex(s);
    if (r === s) return { contentHash, clusterId, isDuplicate: false, exactKey };
    if (this.sameExactKey(s, r)) {
      return { contentHash, clusterId, isDuplicate: true, duplicateOf: this.ids.idOf(r), similarity: 1, method: 'exact', exactKey };
    }
    const similarity = Math.round((this.same(s, r) / NUM_PERM) * 1000) / 1000;
    return { contentHash, clusterId, isDuplicate: true, duplicateOf: this.ids.idOf(r), similarity, method: 'near', exactKey };
  }

  /** Decision of a document already resolved (any run), or undefined. */
  decision(docId: string): DedupeDecision | undefined {
    const s = this.ids.get(docId);
    if (s === -1) {
      const empty = this.decidedEmpty.get(docId);
      return empty && { contentHash: empty.hash, clusterId: clusterIdBytes(docId, empty.hash).toString('hex'), isDuplicate: false };
    }
    return this.rep[s] === PENDING ? undefined : this.decisionOf(s);
  }

  // ------------------------------------------------------------------ incremental

  /**
   * Forget a document (its source file changed or vanished). Its exact copies stay findable; if
   * it represented a cluster, the earliest surviving member (published, then doc_id) becomes the
   * representative for later copies, and the cluster id does not change. Rows already written
   * for the other members are not the index's business (they keep naming the old doc).
   */
  remove(docId: string): void {
    this.empty.delete(docId);
    const s = this.ids.get(docId);
    if (s === -1) return;
    this.ids.delete(s);
    this.alive[s] = 0;
    this.reobserved.delete(s);

    const head = this.exactHead.head(s);
    if (head === s) {
      const next = this.exactNext[s];
      if (next === -1) this.exactHead.delete(s);
      else {
        this.exactHead.replace(s, next);
        if (this.inBuckets[s]) {
          // a copy of this run reached other docs only through s: give it its own edges
          if (this.rep[next] === PENDING) {
            for (const c of this.candidates(next)) {
              this.edges.push(next);
              this.edges.push(c);
            }
          }
          this.insertBuckets(next);
        }
      }
    } else if (head !== -1) {
      let p = head;
      while (this.exactNext[p] !== -1 && this.exactNext[p] !== s) p = this.exactNext[p];
      if (this.exactNext[p] === s) this.exactNext[p] = this.exactNext[s];
    }
    this.inBuckets[s] = 0;

    const r = this.rep[s];
    if (r === s) {
      const members: number[] = [];
      for (let m = this.memberNext[s]; m !== -1; m = this.memberNext[m]) members.push(m);
      if (members.length > 0) {
        members.sort((a, b) => this.day[a] - this.day[b] || this.ids.compare(a, b));
        const nr = members[0];
        this.rep[nr] = nr;
        this.memberNext[nr] = -1;
        for (const m of members.slice(1)) {
          this.rep[m] = nr;
          this.memberNext[m] = this.memberNext[nr];
          this.memberNext[nr] = m;
        }
      }
    } else if (r !== PENDING) {
      let p = r;
      while (this.memberNext[p] !== -1 && this.memberNext[p] !== s) p = this.memberNext[p];
      if (this.memberNext[p] === s) this.memberNext[p] = this.memberNext[s];
    }
  }

  // ------------------------------------------------------------------ persistence

  /**
   * Serialize (little-endian); only decided, live documents (call resolve() first).
   * Header (24 B): "NEDI", u16 version, u16 permutations, u8 bands, u8 rows, u8 shingle words,
   * u8 flags (1 = digits kept in shingles), u32 permutation seed, u32 count, u16 threshold x 1000,
   * u16 reserved. Per document (PERSISTED_FIXED_BYTES_PER_DOC = 186 B + doc_id): 32 B content
   * hash, 8 B strict key, 112 B signature (112 x u8), 16 B number set, i32 publication day (days
   * since 1970-01-01, 0x7fffffff = none), 8 B cluster id, u32 position of its representative,
   * u16 doc_id byte length, doc_id (UTF-8). Versions 3 and 2 were the same with a 224 B
   * (112 x u16) and a 448 B (112 x u32) signature; fromBuffer still reads them (keeping the low
   * 8 bits of each value, which is what this version stores).
   */
  toBuffer(): Buffer {
    return Buffer.concat([...this.toChunks()]);
  }

  /** toBuffer() in pieces of at most `docsPerChunk` documents: a big index is written without one buffer of it all. */
  *toChunks(docsPerChunk = 4096): Generator<Buffer> {
    if (this.pending.length > 0 || this.reobserved.size > 0) throw new Error('dedupe: resolve() before toBuffer()');
    const slots: number[] = [];
    const pos = new Int32Array(this.count).fill(-1);
    for (let s = 0; s < this.count; s++) {
      if (!this.alive[s]) continue;
      pos[s] = slots.length;
      slots.push(s);
    }
    const head = Buffer.alloc(HEADER_BYTES);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt16LE(VERSION, 4);
    head.writeUInt16LE(NUM_PERM, 6);
    head.writeUInt8(BANDS, 8);
    head.writeUInt8(ROWS, 9);
    head.writeUInt8(SHINGLE_WORDS, 10);
    head.writeUInt8(FLAG_DIGITS_KEPT, 11);
    head.writeUInt32LE(PERM_SEED, 12);
    head.writeUInt32LE(slots.length, 16);
    head.writeUInt16LE(Math.round(this.threshold * 1000), 20);
    yield head;
    for (let from = 0; from < slots.length; from += docsPerChunk) {
      const chunk = slots.slice(from, from + docsPerChunk);
      const idBytes = chunk.map((s) => Buffer.from(this.ids.idOf(s), 'utf8'));
      let total = 0;
      for (const b of idBytes) {
        if (b.length > 0xffff) throw new Error('doc_id longer than 65535 bytes');
        total += PERSISTED_FIXED_BYTES_PER_DOC + b.length;
      }
      const buf = Buffer.alloc(total);
      let o = 0;
      for (let i = 0; i < chunk.length; i++) {
        const s = chunk[i];
        buf.set(this.hashOf(s), o);
        o += HASH_BYTES;
        buf.set(this.strictBytes.subarray(s * STRICT_BYTES, (s + 1) * STRICT_BYTES), o);
        o += STRICT_BYTES;
        const sig = this.sigOf(s);
        buf.set(sig, o);
        o += SIG_BYTES;
        for (let k = 0; k < NUM_WORDS; k++, o += 4) buf.writeUInt32LE(this.nums[s * NUM_WORDS + k], o);
        buf.writeInt32LE(this.day[s], o);
        o += 4;
        buf.set(this.clusterBytes.subarray(s * CLUSTER_BYTES, (s + 1) * CLUSTER_BYTES), o);
        o += CLUSTER_BYTES;
        buf.writeUInt32LE(pos[this.rep[s]], o);
        o += 4;
        buf.writeUInt16LE(idBytes[i].length, o);
        o += 2;
        o += idBytes[i].copy(buf, o);
      }
      yield buf;
    }
  }

  /**
   * Rebuild an index from toBuffer() output; throws if it was made with other MinHash parameters.
   * The threshold is the persisted one unless `options.threshold` overrides it.
   */
  static fromBuffer(buf: Uint8Array, options: DedupeIndexOptions = {}): DedupeIndex {
    const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    if (b.length < HEADER_BYTES || b.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a dedupe index');
    const version = b.readUInt16LE(4);
    if (version !== VERSION && version !== VERSION_U16_SIGS && version !== VERSION_U32_SIGS) throw new Error(`unsupported dedupe index version ${version}; rebuild it`);
    const sigBytes = version === VERSION_U32_SIGS ? SIG_BYTES_V2 : version === VERSION_U16_SIGS ? SIG_BYTES_V3 : SIG_BYTES;
    const fixedBytes = PERSISTED_FIXED_BYTES_PER_DOC - SIG_BYTES + sigBytes;
    const params = [b.readUInt16LE(6), b.readUInt8(8), b.readUInt8(9), b.readUInt8(10), b.readUInt8(11), b.readUInt32LE(12)];
    const expected = [NUM_PERM, BANDS, ROWS, SHINGLE_WORDS, FLAG_DIGITS_KEPT, PERM_SEED];
    if (params.some((v, i) => v !== expected[i])) {
      throw new Error(`dedupe index built with other MinHash parameters (${params.join(',')}); rebuild it`);
    }
    const n = b.readUInt32LE(16);
    const index = new DedupeIndex({ threshold: options.threshold ?? b.readUInt16LE(20) / 1000 });
    index.grow(n);
    const repPos = new Int32Array(n);
    let o = HEADER_BYTES;
    for (let i = 0; i < n; i++) {
      if (o + fixedBytes > b.length) throw new Error('truncated dedupe index');
      const hashAt = o;
      const strictAt = o + HASH_BYTES;
      const sigAt = strictAt + STRICT_BYTES;
      const numAt = sigAt + sigBytes;
      o = numAt + NUM_BYTES;
      const day = b.readInt32LE(o);
      const clusterAt = o + 4;
      repPos[i] = b.readUInt32LE(clusterAt + CLUSTER_BYTES);
      o = clusterAt + CLUSTER_BYTES + 4;
      const len = b.readUInt16LE(o);
      o += 2;
      if (o + len > b.length) throw new Error('truncated dedupe index');
      const id = b.toString('utf8', o, o + len);
      o += len;
      if (index.ids.has(id)) throw new Error(`dedupe index holds doc_id ${id} twice`);
      if (repPos[i] >= n) throw new Error('corrupt dedupe index (representative out of range)');
      const s = index.alloc(id, day);
      if (s !== i) throw new Error('internal: slot order');
      index.hashOf(s).set(b.subarray(hashAt, hashAt + HASH_BYTES));
      index.strictBytes.set(b.subarray(strictAt, strictAt + STRICT_BYTES), s * STRICT_BYTES);
      index.clusterBytes.set(b.subarray(clusterAt, clusterAt + CLUSTER_BYTES), s * CLUSTER_BYTES);
      // versions 2 and 3: the low 8 bits of each u32 / u16 value (little-endian: its first byte)
      const step = sigBytes / NUM_PERM;
      const sig = index.sigOf(s);
      for (let k = 0; k < NUM_PERM; k++) sig[k] = b[sigAt + step * k];
      for (let k = 0; k < NUM_WORDS; k++) index.nums[s * NUM_WORDS + k] = b.readUInt32LE(numAt + 4 * k);
      const head = index.exactHead.head(s);
      if (head === -1) {
        index.exactHead.add(s);
        index.insertBuckets(s);
      } else {
        // keep chain order = slot order (the head stays the first copy)
        let p = head;
        while (index.exactNext[p] !== -1) p = index.exactNext[p];
        index.exactNext[p] = s;
      }
    }
    if (o !== b.length) throw new Error('trailing bytes after dedupe index');
    for (let s = 0; s < n; s++) index.rep[s] = repPos[s];
    for (let s = 0; s < n; s++) {
      const r = index.rep[s];
      if (r !== s) {
        if (index.rep[r] !== r) throw new Error('corrupt dedupe index (representative is a duplicate)');
        index.memberNext[s] = index.memberNext[r];
        index.memberNext[r] = s;
      }
    }
    return index;
  }

  /** Bytes held in memory by the index's typed arrays (not the Map of non-hex doc ids, nor the JS objects). */
  get memoryBytes(): number {
    const arrays = [
      this.alive, this.strictBytes, this.clusterBytes, this.nums, this.day, this.rep,
      this.memberNext, this.exactNext, this.inBuckets, this.stamp, ...this.hashBytes, ...this.sigs,
    ];
    return (
      arrays.reduce((t, a) => t + a.byteLength, 0) + this.bands.reduce((t, band) => t + band.bytes, 0) +
      this.exactHead.bytes + this.pending.bytes + this.edges.bytes + this.ids.bytes
    );
  }

  // ------------------------------------------------------------------ internals

  /** Number of the 112 signature positions on which slots a and b agree. */
  private same(a: number, b: number): number {
    const as = this.sigs[a >>> CHUNK_BITS];
    const bs = this.sigs[b >>> CHUNK_BITS];
    const ao = (a & CHUNK_MASK) * NUM_PERM;
    const bo = (b & CHUNK_MASK) * NUM_PERM;
    let n = 0;
    for (let k = 0; k < NUM_PERM; k++) if (as[ao + k] === bs[bo + k]) n++;
    return n;
  }

  /**
   * Checks besides the similarity for a near (not exact) duplicate: publication days no more than
   * MAX_NEAR_DAYS apart when both are known (syndicated copies run within days; wire templates
   * such as the Fed's daily "adds reserves via customer repurchases" recur for months), and the
   * numbers check.
   */
  private nearCompatible(a: number, b: number): boolean {
    // Same words and only other figures (identical once digits are folded, yet not an exact copy):
    // the same template filed again with new numbers, a different report, not a copy.
    if (this.sameFoldedHash(a, b)) return false;
    const da = this.day[a];
    const db = this.day[b];
    if (da !== NO_DATE && db !== NO_DATE && Math.abs(da - db) > MAX_NEAR_DAYS) return false;
    return this.numbersAgree(a, b);
  }

  /**
   * The numbers check of near-duplicate verification: when both texts hold 2+ numbers, at least
   * half of the smaller number set must be in the other (128-bit sets, so a bit collision can
   * only make the check more lenient). Syndicated copies keep their figures (a dropped paragraph
   * removes some, a correction changes one); template items such as "Qtly div 25 cts vs 25 cts
   * prior / Pay April 30 / Record April 16" or weekly USDA reports share their words, not their
   * figures. Exact copies never reach this check.
   */
  private numbersAgree(a: number, b: number): boolean {
    const nums = this.nums;
    let na = 0;
    let nb = 0;
    let both = 0;
    for (let k = 0; k < NUM_WORDS; k++) {
      const x = nums[a * NUM_WORDS + k];
      const y = nums[b * NUM_WORDS + k];
      na += popcount(x);
      nb += popcount(y);
      both += popcount(x & y);
    }
    if (na < 2 || nb < 2) return true; // one stray number (a year in a chrome line) decides nothing
    return both * 2 >= Math.min(na, nb);
  }

  /** Estimated Jaccard similarity of two indexed documents (for tests and the eval). */
  similarity(docIdA: string, docIdB: string): number | undefined {
    const a = this.ids.get(docIdA);
    const b = this.ids.get(docIdB);
    return a === -1 || b === -1 ? undefined : this.same(a, b) / NUM_PERM;
  }

  private sameFoldedHash(a: number, b: number): boolean {
    const ha = this.hashBytes[a >>> CHUNK_BITS];
    const hb = this.hashBytes[b >>> CHUNK_BITS];
    const ao = (a & CHUNK_MASK) * HASH_BYTES;
    const bo = (b & CHUNK_MASK) * HASH_BYTES;
    for (let k = 0; k < HASH_BYTES; k++) if (ha[ao + k] !== hb[bo + k]) return false;
    return true;
  }

  /** Slot s's content hash (a view). */
  private hashOf(s: number): Uint8Array {
    const o = (s & CHUNK_MASK) * HASH_BYTES;
    return this.hashBytes[s >>> CHUNK_BITS].subarray(o, o + HASH_BYTES);
  }

  /** Slot s's signature (a view). */
  private sigOf(s: number): Uint8Array {
    const o = (s & CHUNK_MASK) * NUM_PERM;
    return this.sigs[s >>> CHUNK_BITS].subarray(o, o + NUM_PERM);
  }

  private hashHex(s: number): string {
    return Buffer.from(this.hashOf(s)).toString('hex');
  }

  /** Exact key of slot s as hex (strict key, then content hash): DedupeDecision.exactKey. */
  private exactKeyHex(s: number): string {
    return (
      Buffer.from(this.strictBytes.buffer, this.strictBytes.byteOffset + s * STRICT_BYTES, STRICT_BYTES).toString('hex') +
      this.hashHex(s)
    );
  }

  /** Slots a and b have the same exact key (strict key and content hash). */
  private sameExactKey(a: number, b: number): boolean {
    const st = this.strictBytes;
    for (let k = 0; k < STRICT_BYTES; k++) if (st[a * STRICT_BYTES + k] !== st[b * STRICT_BYTES + k]) return false;
    return this.sameFoldedHash(a, b);
  }

  /** Slot s has this exact key. */
  private hasExactKey(s: number, strict8: Uint8Array, hash: Uint8Array): boolean {
    for (let k = 0; k < STRICT_BYTES; k++) if (this.strictBytes[s * STRICT_BYTES + k] !== strict8[k]) return false;
    const h = this.hashBytes[s >>> CHUNK_BITS];
    const o = (s & CHUNK_MASK) * HASH_BYTES;
    for (let k = 0; k < HASH_BYTES; k++) if (h[o + k] !== hash[k]) return false;
    return true;
  }

  private alloc(docId: string, day: number): number {
    // 1.25x, not 2x: the flat slot arrays (63 B a slot with the packed ids) copy on growth; the big ones are chunked.
    if (this.count === this.cap) this.grow(Math.ceil(this.cap * 1.25));
    const s = this.count++;
    this.ids.set(docId, s);
    this.alive[s] = 1;
    this.day[s] = day;
    this.rep[s] = PENDING;
    this.memberNext[s] = -1;
    this.exactNext[s] = -1;
    this.inBuckets[s] = 0;
    return s;
  }

  private grow(min: number): void {
    if (min <= this.cap) return;
    const cap = Math.max(min, 64);
    const re = <T extends Uint8Array | Int32Array | Uint32Array>(old: T, make: (n: number) => T, per: number): T => {
      const a = make(cap * per);
      a.set(old as never);
      return a;
    };
    this.alive = re(this.alive, (n) => new Uint8Array(n), 1);
    this.strictBytes = re(this.strictBytes, (n) => new Uint8Array(n), STRICT_BYTES);
    this.clusterBytes = re(this.clusterBytes, (n) => new Uint8Array(n), CLUSTER_BYTES);
    this.nums = re(this.nums, (n) => new Uint32Array(n), NUM_WORDS);
    this.day = re(this.day, (n) => new Int32Array(n), 1);
    this.rep = re(this.rep, (n) => new Int32Array(n), 1);
    this.memberNext = re(this.memberNext, (n) => new Int32Array(n), 1);
    this.exactNext = re(this.exactNext, (n) => new Int32Array(n), 1);
    this.inBuckets = re(this.inBuckets, (n) => new Uint8Array(n), 1);
    this.stamp = re(this.stamp, (n) => new Int32Array(n), 1);
    this.ids.grow(cap);
    // the big ones (144 B a slot) in chunks: added, never copied
    growChunks(this.hashBytes, cap, HASH_BYTES, (n) => new Uint8Array(n));
    growChunks(this.sigs, cap, NUM_PERM, (n) => new Uint8Array(n));
    this.cap = cap;
  }
}
