import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger as Pino } from 'pino';
import type { LogLevel } from '../config/app-config';

/**
 * The service's one log: a JSON object a line, `level` as a word and `time` in ISO 8601, on
 * stdout unless told otherwise (tests pass a stream to read it). Nothing personal goes in:
 * callers log route patterns, positions and counts, never bodies, query strings, tokens or ids.
 */
export function jsonLogger(level: LogLevel, destination?: DestinationStream): Pino {
  const options = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (destination) return pino(options, destination);
  if (level === 'silent') return pino(options, { write: () => undefined });
  // Synchronous writes: a line written just before a crash is not lost in a buffer.
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

/**
 * NestJS's logger written through pino, so every `new Logger('X')` in the code logs JSON, with
 * `context` naming X. Nest passes the context as the last argument, and for `error` the stack
 * before it.
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const params = [...rest];
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, detail: message });
    } else {
      if (stack) fields.stack = stack;
      this.pino[level](fields, String(message));
    }
  }
}
