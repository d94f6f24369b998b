// PLACEHOLDER: replaced by the real printer.
import type { CapsData } from './types.js';
export function capsToString(_caps: CapsData): string {
  throw new Error('caps printer not implemented yet');
}
