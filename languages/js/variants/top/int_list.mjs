// A list of int32 in an Int32Array grown by doubling: what the finder
// appends to (entries, deferred entries, loops walked) keeps its storage
// from one finding to the next.

export class IntList {
  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
    this.length = 0;
  }

  push(value) {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  // Room for `capacity` values, the ones pushed kept.
  grow(capacity) {
    if (capacity <= this.data.length) return;
    const grown = new Int32Array(Math.max(capacity, 2 * this.data.length));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }

  clear() {
    this.length = 0;
  }
}
