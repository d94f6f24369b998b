/**
 * A count of inner-loop steps (a structure pair compared, a feature name looked up, a pad scanned, a
 * query answered). Tests read it to check that work grows linearly with the input, which a clock cannot
 * show on a loaded machine; counting costs one addition where it is done.
 */
let steps = 0;

/** @internal */
export function addWork(n = 1): void {
  steps += n;
}

/** Steps counted since the process started: take the difference around an operation. */
export function workDone(): number {
  return steps;
}
