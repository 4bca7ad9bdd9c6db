/** Segment files are named by their start offset: 20 decimal digits, zero-padded (spec §0). */
export function segmentFileName(startOffset: number): string {
  return String(startOffset).padStart(20, '0');
}

/** The start offset a segment file name encodes, or `undefined` when it is not such a name. */
export function parseSegmentFileName(name: string): number | undefined {
  return /^\d{20}$/.test(name) ? Number(name) : undefined;
}
