/** Graph writes 7 fractional digits (.NET ticks); answers ISO with ms, truncated rather than rounded. */
export function graphTimeToIso(value: string): string {
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  if (!Number.isFinite(ms)) throw new Error(`the Teams time "${value}" is not a time`);
  return new Date(ms).toISOString();
}
