/**
 * A growable list of int32 values in one Int32Array (4 B a value, where a JS array of numbers
 * takes 8 B an element plus its growth slack, and the GC never scans it).
 */
export class IntList {
  private a: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.a = new Int32Array(Math.max(capacity, 4));
  }

  push(x: number): void {
    if (this.length === this.a.length) this.grow();
    this.a[this.length++] = x;
  }

  get(i: number): number {
    return this.a[i];
  }

  /** The values as a view (valid until the next push). */
  view(): Int32Array {
    return this.a.subarray(0, this.length);
  }

  private grow(): void {
    const b = new Int32Array(this.a.length * 2);
    b.set(this.a);
    this.a = b;
  }

  get bytes(): number {
    return this.a.byteLength;
  }
}
