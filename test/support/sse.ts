/** A Server-Sent-Events stream read incrementally: open it, then read until what you expect arrives. */
export class SseStream {
  private text = '';
  private constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly controller: AbortController,
  ) {}

  /** Resolves once the server has answered, so the stream is subscribed before anything happens. */
  static async open(url: string, token: string): Promise<SseStream> {
    const controller = new AbortController();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
    if (response.status !== 200) throw new Error(`SSE answered ${response.status}`);
    return new SseStream(response.body!.getReader(), controller);
  }

  async readUntil(until: (text: string) => boolean, timeoutMs = 5000): Promise<string> {
    const timer = setTimeout(() => this.controller.abort(), timeoutMs);
    const decoder = new TextDecoder();
    try {
      while (!until(this.text)) {
        const { value, done } = await this.reader.read();
        if (done) break;
        this.text += decoder.decode(value, { stream: true });
      }
    } finally {
      clearTimeout(timer);
    }
    return this.text;
  }

  close(): void {
    this.controller.abort();
  }
}

/** The data of every SSE event of a type, parsed. */
export const sseData = (text: string, type: string): any[] =>
  text
    .split('\n\n')
    .filter((block) => block.split('\n').includes(`event: ${type}`))
    .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)));
