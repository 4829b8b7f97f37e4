import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@attendance/event-store';
import type { FastifyReply } from 'fastify';
import { SectionRuleViolation } from '@attendance/domain';

/** The HTTP status of each kind of rule a command breaks. */
export const VIOLATION_STATUS = { 'not-found': 404, conflict: 409, invalid: 400, unprocessable: 422, forbidden: 403 } as const;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Every error leaves as `{ statusCode, error, message }` with one readable message. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { statusCode, message } = this.describe(exception);
    if (statusCode === 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void reply.status(statusCode).send({ statusCode, error: REASONS[statusCode] ?? 'Error', message });
  }

  private describe(exception: unknown): { statusCode: number; message: string } {
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const raw = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : body;
      return { statusCode: exception.getStatus(), message: Array.isArray(raw) ? raw.join('; ') : String(raw) };
    }
    if (exception instanceof SectionRuleViolation) return { statusCode: VIOLATION_STATUS[exception.kind], message: exception.message };
    if (exception instanceof WrongExpectedRevisionError) {
      return { statusCode: HttpStatus.CONFLICT, message: 'the resource was changed at the same time; retry' };
    }
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const message = fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'body is not valid JSON' : fastifyError.message ?? 'bad request';
      return { statusCode: fastifyError.statusCode, message };
    }
    return { statusCode: 500, message: 'internal error' };
  }
}
