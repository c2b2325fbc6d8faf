/**
 * Averaged float weights -> the model's 16-bit integers: one scale for every weight (emissions,
 * transitions, final), so decoding compares the same sums up to rounding. Feature rows whose
 * weights all round to zero are dropped; rows keep their training order, so the bytes depend on
 * nothing but the training run.
 */
import { TAG_COUNT as K } from '../../stages/entities/model/tags.js';

const INT16_LIMIT = 32767;

export interface Quantized {
  keys: Uint32Array;
  weights: Int16Array;
  transition: Int16Array;
  final: Int16Array;
  scale: number;
}

export function quantize(index: Map<number, number>, w: Float64Array, trans: Float64Array, fin: Float64Array): Quantized {
  let max = 0;
  for (const a of [w, trans, fin]) for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k]));
  const scale = max > 0 ? INT16_LIMIT / max : 1;
  const q = (x: number) => Math.round(x * scale);
  const keys: number[] = [];
  const rows: number[] = [];
  for (const [key, row] of index) {
    let any = false;
    for (let t = 0; t < K && !any; t++) any = q(w[row * K + t]) !== 0;
    if (any) {
      keys.push(key);
      rows.push(row);
    }
  }
  const weights = new Int16Array(rows.length * K);
  rows.forEach((row, k) => {
    for (let t = 0; t < K; t++) weights[k * K + t] = q(w[row * K + t]);
  });
  return { keys: Uint32Array.from(keys), weights, transition: Int16Array.from(trans, q), final: Int16Array.from(fin, q), scale };
}
