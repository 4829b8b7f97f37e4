import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { Clock, systemClock } from '@attendance/event-store';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { pathIdProblem } from './common/ids';
import { BodyError, parseJsonBody } from './common/json-body';
import { buildOpenApi, serveApiDocs } from './docs/api-docs';
import { jsonLogger, PinoLoggerService } from './operations/json-logger';
import { ServiceMetrics } from './operations/metrics';
import { requestIdOf } from './operations/request-id';
import { observeRequests } from './operations/request-observer';
import { openEventStore } from './store/open-event-store';
import { LRS_PATH } from './lrs/lrs-request';
import { DOCUMENT_UPLOAD_PATH } from './excuses/excuse-documents.controller';

/** The dashboards' and the API docs' policy: nothing but this origin; inline styles for the UI's style attributes. */
const CONTENT_SECURITY_POLICY = {
  directives: {
    defaultSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

export interface CreateAppOptions {
  clock?: Clock;
  /** `false` silences every log line (the tests). */
  logger?: false;
  /** Where the JSON log goes instead of stdout (a test reading it). */
  logTo?: DestinationStream;
}

/** Builds the whole service; main.ts listens on it, the end-to-end tests drive it. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const clock = options.clock ?? systemClock;
  const log = jsonLogger(options.logger === false ? 'silent' : config.logLevel, options.logTo);
  const store = await openEventStore(config, clock);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with(config, store, clock),
    // Paths may carry ids of 200 characters, percent-encoded: the id rule, not the router, limits them.
    new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, routerOptions: { maxParamLength: 2000 }, genReqId: requestIdOf }),
    // Every `new Logger('X')` in the code writes JSON through pino.
    { logger: options.logger === false ? false : new PinoLoggerService(log), rawBody: true },
  );
  observeRequests(app.getHttpAdapter().getInstance(), log, app.get(ServiceMetrics));
  const bodyLimit = config.bodyLimitBytes;
  app.useBodyParser('application/json', { bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body.toString('utf8')));
    } catch (error) {
      done(error as BodyError, undefined);
    }
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body.toString('utf8')))));
  // Signed platform payloads that are not JSON or forms (a Canvas JWS) arrive as text, kept raw; an excuse document stays bytes whatever it claims to be.
  app.getHttpAdapter().getInstance().addContentTypeParser(['application/jwt', 'text/plain'], { parseAs: 'buffer', bodyLimit }, (request: any, body: Buffer, done: (e: Error | null, b?: unknown) => void) => {
    request.rawBody = body;
    done(null, DOCUMENT_UPLOAD_PATH.test(String(request.url)) ? body : body.toString('utf8'));
  });
  // The LRS takes documents of any type (xAPI state and profiles) and multipart statements with attachments, and an excuse document arrives as its own bytes: kept as bytes; elsewhere such a type is 415.
  app.getHttpAdapter().getInstance().addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (request: any, body: Buffer, done: (e: Error | null, b?: unknown) => void) => {
    if (!String(request.url).startsWith(LRS_PATH) && !DOCUMENT_UPLOAD_PATH.test(String(request.url))) return done(Object.assign(new Error(`content-type: ${request.headers['content-type']} is not accepted here`), { statusCode: 415 }));
    request.rawBody = body;
    done(null, body);
  });
  app.getHttpAdapter().getInstance().addHook('preValidation', async (request: { params?: unknown }) => {
    const problem = pathIdProblem(request.params as Record<string, string> | undefined);
    if (problem) throw new BodyError(problem);
  });
  await app.register(helmet, { contentSecurityPolicy: CONTENT_SECURITY_POLICY, referrerPolicy: { policy: 'no-referrer' } });
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  serveApiDocs(app, buildOpenApi(app));
  return app;
}
