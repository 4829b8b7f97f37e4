import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Public } from '../auth/roles.decorator';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** apps/web, from the sources (tests, ts-node) or from dist after `nest build`. */
function webRoot(): string {
  const candidates = [resolve(__dirname, '../../../web'), resolve(__dirname, '../../../../../apps/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
}

/**
 * The dashboards: static files that call the public API with the viewer's own token. No
 * private route, no network at run time.
 */
@ApiExcludeController()
@Controller()
export class WebController {
  private readonly root = webRoot();

  @Get()
  @Public()
  index(@Res() reply: FastifyReply) {
    return this.send(reply, 'index.html');
  }

  @Get('app/*')
  @Public()
  asset(@Param('*') path: string, @Res() reply: FastifyReply) {
    return this.send(reply, path);
  }

  private send(reply: FastifyReply, path: string) {
    const file = normalize(join(this.root, path));
    if (!file.startsWith(this.root + sep) || !existsSync(file)) throw new NotFoundException(`no file ${path}`);
    return reply
      .header('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .send(readFileSync(file));
  }
}
