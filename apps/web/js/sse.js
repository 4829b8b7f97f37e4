/**
 * Server-Sent Events over fetch: EventSource cannot send the Authorization header, so the
 * stream is read by hand and split into `event:` / `data:` / `id:` blocks. Reconnects with
 * back-off when the connection drops; stops for good on 401, 403 and 404.
 */
import { authHeaders, errorOf, urlOf } from './api.js';

/** One event block ('event: change\ndata: {...}') → { event, data, id }; null for comments only. */
export function parseBlock(block) {
  let event = 'message';
  let id;
  const data = [];
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  return data.length === 0 ? null : { event, data: data.join('\n'), id };
}

/** Splits what has arrived so far into complete blocks and the unfinished rest. */
export function splitBlocks(buffer) {
  const blocks = [];
  const boundary = /\r\n\r\n|\n\n|\r\r/g;
  let start = 0;
  let match;
  while ((match = boundary.exec(buffer))) {
    blocks.push(buffer.slice(start, match.index));
    start = match.index + match[0].length;
  }
  return { blocks, rest: buffer.slice(start) };
}

const FINAL = new Set([401, 403, 404]);

/**
 * Opens `route` and calls onEvent({event, data}) for each event (data parsed as JSON when it is).
 * onState(state, error?) is told 'connecting', 'open', 'reconnecting' or 'error'. Answers a stop function.
 */
export function openStream(route, { onEvent, onState = () => {} }) {
  const controller = new AbortController();
  let stopped = false;
  let delay = 1000;
  let timer;

  async function connect() {
    onState('connecting');
    try {
      const response = await fetch(urlOf(route), { headers: { ...authHeaders(), accept: 'text/event-stream' }, signal: controller.signal, cache: 'no-store' });
      if (!response.ok) {
        const error = await errorOf(response);
        onState('error', error);
        if (FINAL.has(response.status)) return;
      } else {
        onState('open');
        delay = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const { blocks, rest } = splitBlocks(buffer + value);
          buffer = rest;
          for (const block of blocks) {
            const parsed = parseBlock(block);
            if (!parsed) continue;
            let data = parsed.data;
            try {
              data = JSON.parse(parsed.data);
            } catch {
              /* plain text data */
            }
            onEvent({ event: parsed.event, data, id: parsed.id });
          }
        }
      }
    } catch {
      if (stopped) return;
    }
    if (stopped) return;
    onState('reconnecting');
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30_000);
  }

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller.abort();
  };
}
