/**
 * Parses the video profile's played-segments, "0[.]12.5[,]20[.]30", into [from, to] seconds.
 * A segment that is not two non-negative numbers is dropped rather than failing the statement:
 * the extension's value is free, and the statement is valid xAPI either way.
 */
export function parsePlayedSegments(value: unknown): Array<[number, number]> {
  if (typeof value !== 'string' || value.trim() === '') return [];
  const ranges: Array<[number, number]> = [];
  for (const segment of value.split('[,]')) {
    const bounds = segment.split('[.]');
    if (bounds.length !== 2 || bounds.some((b) => !/^\s*\d+(\.\d+)?\s*$/.test(b))) continue;
    const [a, b] = bounds.map(Number);
    ranges.push(a <= b ? [a, b] : [b, a]);
  }
  return ranges;
}
