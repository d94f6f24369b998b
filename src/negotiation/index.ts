// The negotiation area's public surface. Keep this an explicit list.
export {};
