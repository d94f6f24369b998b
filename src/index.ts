// Package root: each area's index is an explicit export list; this only gathers them.
export * from './caps/index.js';
export * from './negotiation/index.js';
export * from './memory/index.js';
