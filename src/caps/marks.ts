/**
 * "Element already used" marks for the list algorithms (list ∩ list, list equality), taken from one
 * scratch stack instead of a fresh typed array per call. A nested list claims above its caller's
 * region; growing copies the live regions, so always go through these functions.
 */
let marks = new Uint8Array(1024);
let top = 0;

/** Claims n cleared marks; returns the base index to pass to isMarked/mark/releaseMarks. */
export function claimMarks(n: number): number {
  const base = top;
  const end = base + n;
  if (end > marks.length) {
    const grown = new Uint8Array(Math.max(end, marks.length * 2));
    grown.set(marks.subarray(0, base));
    marks = grown;
  }
  marks.fill(0, base, end);
  top = end;
  return base;
}

export function releaseMarks(base: number): void {
  top = base;
}

export function isMarked(i: number): boolean {
  return marks[i] === 1;
}

export function mark(i: number): void {
  marks[i] = 1;
}
