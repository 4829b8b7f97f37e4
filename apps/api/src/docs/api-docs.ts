import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The OpenAPI document, made from the code: controllers, DTOs and the fact schema. */
export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Attendance tracker')
    .setDescription('Attendance and online activity for Saudi universities: the contract is docs/http-api.md, the rules docs/rules.md.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Attendance tracker API</title>
<link rel="stylesheet" href="/api/docs/ui/swagger-ui.css"><link rel="icon" href="/api/docs/ui/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/ui/swagger-ui-bundle.js"></script>
<script src="/api/docs/ui/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/ui/initializer.js"></script>
</body>
</html>
`;
const INITIALIZER = `window.onload = () => {
  window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
};
`;


/**
 * The document at /api/docs-json, and at /api/docs for a client that asks for JSON; a browser
 * gets the Swagger UI there, served from swagger-ui-dist (no network at run time).
 */
export function serveApiDocs(app: NestFastifyApplication, document: OpenAPIObject): void {
  const http = app.getHttpAdapter();
  const uiRoot = dirname(require.resolve('swagger-ui-dist/package.json'));
  http.get('/api/docs-json', (_req: FastifyRequest, reply: FastifyReply) => reply.send(document));
  http.get('/api/docs', (req: FastifyRequest, reply: FastifyReply) => {
    if (!String(req.headers.accept ?? '').includes('text/html')) return reply.send(document);
    return reply.header('content-type', 'text/html; charset=utf-8').send(PAGE);
  });
  http.get('/api/docs/ui/:file', (req: FastifyRequest, reply: FastifyReply) => {
    const { file } = req.params as { file: string };
    if (file === 'initializer.js') return reply.header('content-type', 'text/javascript; charset=utf-8').send(INITIALIZER);
    if (!(file in UI_FILES)) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no file ${file}` });
    return reply.header('content-type', UI_FILES[file]).header('cache-control', 'public, max-age=86400').send(readFileSync(join(uiRoot, file)));
  });
}
