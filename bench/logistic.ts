/**
 * Weighted L2-regularized logistic regression, full batch with Adam steps: no randomness at all,
 * so the same samples give the same weights to the last bit on the same Node version.
 */
export interface Samples {
  /** Row-major dense features, `width` per sample. */
  dense: Float64Array;
  width: number;
  /** Per sample: hash buckets that are on. */
  hashed: Int32Array[];
  buckets: number;
  /** 1 or 0 per sample. */
  y: Uint8Array;
  /** Per sample weight (the trainer gives each page the same total). */
  weight: Float64Array;
}

export interface LogisticOptions {
  iterations: number;
  learningRate: number;
  /** Penalty on the dense weights (standardized features) and on the bucket weights, per unit of total sample weight. */
  l2Dense: number;
  l2Hashed: number;
}

export interface LogisticFit {
  mean: number[];
  scale: number[];
  weights: number[];
  hashed: number[];
  bias: number;
}

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

export function fitLogistic(s: Samples, o: LogisticOptions): LogisticFit {
  const n = s.y.length;
  const { width, buckets } = s;
  const mean = new Float64Array(width);
  const scale = new Float64Array(width);
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j] += s.dense[i * width + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) scale[j] += (s.dense[i * width + j] - mean[j]) ** 2 / n;
  for (let j = 0; j < width; j++) scale[j] = Math.sqrt(scale[j]) || 1;
  const x = new Float64Array(n * width);
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) x[i * width + j] = (s.dense[i * width + j] - mean[j]) / scale[j];
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += s.weight[i];

  // Parameters: dense weights, bucket weights, bias (last).
  const size = width + buckets + 1;
  const theta = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const grad = new Float64Array(size);
  for (let t = 1; t <= o.iterations; t++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let z = theta[size - 1];
      const base = i * width;
      for (let j = 0; j < width; j++) z += theta[j] * x[base + j];
      const hashed = s.hashed[i];
      for (let k = 0; k < hashed.length; k++) z += theta[width + hashed[k]];
      const err = (1 / (1 + Math.exp(-z)) - s.y[i]) * s.weight[i] / totalWeight;
      for (let j = 0; j < width; j++) grad[j] += err * x[base + j];
      for (let k = 0; k < hashed.length; k++) grad[width + hashed[k]] += err;
      grad[size - 1] += err;
    }
    for (let j = 0; j < width; j++) grad[j] += o.l2Dense * theta[j];
    for (let k = 0; k < buckets; k++) grad[width + k] += o.l2Hashed * theta[width + k];
    const correction1 = 1 - ADAM_BETA1 ** t;
    const correction2 = 1 - ADAM_BETA2 ** t;
    for (let p = 0; p < size; p++) {
      m[p] = ADAM_BETA1 * m[p] + (1 - ADAM_BETA1) * grad[p];
      v[p] = ADAM_BETA2 * v[p] + (1 - ADAM_BETA2) * grad[p] * grad[p];
      theta[p] -= (o.learningRate * (m[p] / correction1)) / (Math.sqrt(v[p] / correction2) + ADAM_EPSILON);
    }
  }
  return {
    mean: [...mean], scale: [...scale], weights: [...theta.subarray(0, width)],
    hashed: [...theta.subarray(width, width + buckets)], bias: theta[size - 1],
  };
}
