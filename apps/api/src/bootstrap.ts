import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Clock, systemClock } from '@attendance/event-store';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { strictValidationPipe } from './common/validation';
import { openEventStore } from './store/open-event-store';

/** Builds the whole service; main.ts listens on it, the end-to-end tests drive it. */
export async function createApp(config: AppConfig, options: { clock?: Clock; logger?: false } = {}): Promise<NestFastifyApplication> {
  const clock = options.clock ?? systemClock;
  const store = await openEventStore(config, clock);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with(config, store, clock),
    new FastifyAdapter({ bodyLimit: config.bodyLimitBytes }),
    { logger: options.logger ?? ['error', 'warn', 'log'], rawBody: true },
  );
  // Signed platform payloads that are not JSON or forms (a Canvas JWS) arrive as text, kept raw.
  app.getHttpAdapter().getInstance().addContentTypeParser(['application/jwt', 'text/plain'], { parseAs: 'string' }, (request: any, body: string, done: (e: Error | null, b?: unknown) => void) => {
    request.rawBody = Buffer.from(body);
    done(null, body);
  });
  app.useGlobalPipes(strictValidationPipe);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Attendance tracker').setVersion('1').addBearerAuth().build(),
  );
  // The document itself, at /api/docs and /api/docs-json: the UI would need @fastify/static, whose
  // current release needs Node 22.
  SwaggerModule.setup('api/docs', app, openApi, { swaggerUiEnabled: false, jsonDocumentUrl: 'api/docs-json' });
  app.getHttpAdapter().get('/api/docs', (_req: unknown, reply: { send(body: unknown): void }) => reply.send(openApi));
  return app;
}
