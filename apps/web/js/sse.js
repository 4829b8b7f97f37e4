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
 * onState(state, error?) is told 'connecting', 'open' (the answer's headers came), 'reconnecting'
 * (the feed ended or failed; another try follows) or 'error' (refused). The browser going offline
 * ends the connection at once rather than when TCP notices; coming online tries again at once.
 * Answers a stop function.
 */
/** The events of a text/event-stream response, as they arrive: { event, data, id } with data as text. */
export async function* eventsOf(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const { blocks, rest } = splitBlocks(buffer + value);
    buffer = rest;
    for (const block of blocks) {
      const parsed = parseBlock(block);
      if (parsed) yield parsed;
    }
  }
}

export function openStream(route, { onEvent, onState = () => {} }) {
  let stopped = false;
  let delay = 1000;
  let timer;
  /** The connection being made or read; a newer one replaces it. */
  let controller;

  async function connect() {
    clearTimeout(timer);
    const mine = new AbortController();
    controller = mine;
    onState('connecting');
    try {
      const response = await fetch(urlOf(route), { headers: { ...authHeaders(), accept: 'text/event-stream' }, signal: mine.signal, cache: 'no-store' });
      if (!response.ok) {
        const error = await errorOf(response);
        onState('error', error);
        // Refused for good: no retry, not even when the browser comes back online.
        if (FINAL.has(response.status)) return void (stopped = true);
      } else {
        onState('open');
        delay = 1000;
        for await (const parsed of eventsOf(response)) {
          let data = parsed.data;
          try {
            data = JSON.parse(parsed.data);
          } catch {
            /* plain text data */
          }
          onEvent({ event: parsed.event, data, id: parsed.id });
        }
      }
    } catch {
      /* the connection failed or was cut: try again below */
    }
    if (stopped || controller !== mine) return;
    onState('reconnecting');
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30_000);
  }

  const offline = () => controller?.abort();
  const online = () => {
    if (stopped) return;
    delay = 1000;
    controller?.abort();
    connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
    controller?.abort();
  };
}
