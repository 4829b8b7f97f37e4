import type { ReadAllOptions, StoredEvent } from '@attendance/event-store';
import { ConfigError, loadConfig } from '../../apps/api/src/config/app-config';
import { consumerIsAlive, CONSUMER_LIVENESS_BOUND_MS } from '../../apps/api/src/operations/consumer-liveness';
import { EventsBehind } from '../../apps/api/src/operations/events-behind';
import { jsonLogger, PinoLoggerService } from '../../apps/api/src/operations/json-logger';
import { requestIdOf } from '../../apps/api/src/operations/request-id';

/** A store of events at positions 1..length that records every read it is asked for. */
function storeOf(length: number) {
  const reads: ReadAllOptions[] = [];
  const events = Array.from({ length }, (_, i) => ({ position: BigInt(i + 1) }) as StoredEvent);
  return {
    reads,
    append: (count: number) => events.push(...Array.from({ length: count }, (_, i) => ({ position: BigInt(events.length + i + 1) }) as StoredEvent)),
    readAll: async (options: ReadAllOptions = {}) => {
      reads.push(options);
      return events.filter((e) => e.position > (options.after ?? 0n)).slice(0, options.maxCount);
    },
  };
}

describe('events behind the head, counted once per position', () => {
  it('counts up to the head, not what was appended since the head was read', async () => {
    const store = storeOf(12);
    expect(await new EventsBehind(store).count(2n, 10n)).toBe(8);
  });

  it('reads nothing again while neither the consumer nor the head moved, and only the new events when the head moved', async () => {
    const store = storeOf(10);
    const behind = new EventsBehind(store);
    expect(await behind.count(4n, 10n)).toBe(6);
    expect(await behind.count(4n, 10n)).toBe(6);
    expect(store.reads).toEqual([{ after: 4n, maxCount: 10_000 }]);
    store.append(5);
    expect(await behind.count(4n, 15n)).toBe(11);
    expect(store.reads[1]).toEqual({ after: 10n, maxCount: 10_000 - 6 });
    // A consumer that moved is counted from where it is.
    expect(await behind.count(12n, 15n)).toBe(3);
    expect(store.reads[2]).toEqual({ after: 12n, maxCount: 10_000 });
  });

  it('stops at the limit, and reads nothing more for a consumer already at it while the head moves on', async () => {
    const store = storeOf(20);
    const behind = new EventsBehind(store, 5);
    expect(await behind.count(0n, 20n)).toBe(5);
    store.append(10);
    expect(await behind.count(0n, 30n)).toBe(5);
    expect(store.reads).toHaveLength(1);
    // Caught up: zero without a read.
    expect(await behind.count(30n, 30n)).toBe(0);
    expect(store.reads).toHaveLength(1);
  });
});

describe('a consumer alive or not', () => {
  const start = Date.parse('2026-09-01T00:00:00Z');
  const at = (ms: number) => new Date(start + ms).toISOString();

  it('is alive while it does not fail, however long it has had nothing to do', () => {
    expect(consumerIsAlive({ failures: 0, lastProgressAt: at(0) }, start + 30 * 24 * 3600_000, start)).toBe(true);
  });

  it('is alive while it has failed for no longer than the bound since its last step forward, and not after', () => {
    expect(consumerIsAlive({ failures: 3, lastProgressAt: at(60_000) }, start + 60_000 + CONSUMER_LIVENESS_BOUND_MS, start)).toBe(true);
    expect(consumerIsAlive({ failures: 3, lastProgressAt: at(60_000) }, start + 60_001 + CONSUMER_LIVENESS_BOUND_MS, start)).toBe(false);
  });

  it('counts from the start when it has failed since it started', () => {
    expect(consumerIsAlive({ failures: 1 }, start + CONSUMER_LIVENESS_BOUND_MS, start)).toBe(true);
    expect(consumerIsAlive({ failures: 1 }, start + CONSUMER_LIVENESS_BOUND_MS + 1, start)).toBe(false);
  });
});

describe('LOG_LEVEL', () => {
  it('is info by default and takes any pino level', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it('stops the service at start with a message naming it and the levels it takes', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'INFO' })).toThrow(/^Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "INFO"$/);
  });
});

describe('the pino-backed NestJS logger', () => {
  const capture = () => {
    const lines: any[] = [];
    return { lines, stream: { write: (chunk: string) => lines.push(JSON.parse(chunk)) } };
  };

  it('writes what Nest hands it as JSON: the message, the context last, the stack of an error', () => {
    const { lines, stream } = capture();
    const logger = new PinoLoggerService(jsonLogger('info', stream));
    logger.log('caught up at 42', 'AttendanceProjection');
    logger.error('tick failed', 'Error: tick failed\n    at tick', 'NoticeIssuer');
    logger.warn({ skipped: 1 }, 'SkippedEvents');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'AttendanceProjection', msg: 'caught up at 42' }),
      expect.objectContaining({ level: 'error', context: 'NoticeIssuer', msg: 'tick failed', stack: 'Error: tick failed\n    at tick' }),
      expect.objectContaining({ level: 'warn', context: 'SkippedEvents', detail: { skipped: 1 } }),
    ]);
  });

  it('writes nothing below its level', () => {
    const { lines, stream } = capture();
    const logger = new PinoLoggerService(jsonLogger('warn', stream));
    logger.log('not written', 'X');
    logger.debug('not written', 'X');
    logger.warn('written', 'X');
    expect(lines.map((l) => [l.level, l.msg])).toEqual([['warn', 'written']]);
  });
});

describe('the request id', () => {
  it("keeps the caller's x-request-id when it is a sane token, and makes a UUID otherwise", () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'a1b2c3d4-e5f6.7:8_9' } })).toBe('a1b2c3d4-e5f6.7:8_9');
    for (const given of [undefined, '', 'has space', 'x'.repeat(129), 'new\nline', ['a', 'b']]) {
      expect(requestIdOf({ headers: { 'x-request-id': given as any } })).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
