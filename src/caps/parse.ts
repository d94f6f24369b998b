// PLACEHOLDER: replaced by the real parser.
import type { CapsIssue } from './issues.js';
import type { CapsData } from './types.js';
export type ParseCapsResult =
  | { readonly ok: true; readonly caps: CapsData; readonly issues?: never }
  | { readonly ok: false; readonly caps?: never; readonly issues: readonly CapsIssue[] };
export function parseCaps(_text: string): ParseCapsResult {
  throw new Error('caps parser not implemented yet');
}
