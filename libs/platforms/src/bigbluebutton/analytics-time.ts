const RUBY_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([+-]\d{2})(\d{2})$/;

/** The analytics callback writes Ruby times, "2023-10-31 13:52:44 -0300"; answers epoch ms. */
export function parseAnalyticsTime(value: unknown): number {
  const text = String(value);
  const ruby = RUBY_TIME.exec(text);
  const ms = ruby ? Date.parse(`${ruby[1]}T${ruby[2]}${ruby[3]}:${ruby[4]}`) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new Error(`the analytics time "${text}" is not a time`);
  return ms;
}
