// PLACEHOLDER: the caps algebra is being written; every function here is replaced by the real one.
import type { CapsData } from './types.js';

export type IntersectMode = 'zigzag' | 'first';
const todo = (): never => {
  throw new Error('caps algebra not implemented yet');
};
export const intersectCaps = (_a: CapsData, _b: CapsData, _mode: IntersectMode): CapsData => todo();
export const canIntersectCaps = (_a: CapsData, _b: CapsData): boolean => todo();
export const isSubsetCaps = (_a: CapsData, _b: CapsData): boolean => todo();
export const isEqualCaps = (_a: CapsData, _b: CapsData): boolean => todo();
export const isStrictlyEqualCaps = (_a: CapsData, _b: CapsData): boolean => todo();
export const subtractCaps = (_a: CapsData, _b: CapsData): CapsData => todo();
export const mergeCaps = (_a: CapsData, _b: CapsData): CapsData => todo();
export const appendCaps = (_a: CapsData, _b: CapsData): CapsData => todo();
export const normalizeCaps = (_a: CapsData): CapsData => todo();
export const simplifyCaps = (_a: CapsData): CapsData => todo();
export const fixateCaps = (_a: CapsData): CapsData => todo();
export const truncateCaps = (_a: CapsData): CapsData => todo();
export const isFixedCaps = (_a: CapsData): boolean => todo();
