/**
 * The baseline of the HTTP ingest benchmark: a bare NestJS route on the same Fastify adapter
 * that validates the same body with the same fact schema and stores nothing.
 */
import 'reflect-metadata';
import { BadRequestException, Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { factProblems } from '@attendance/domain';

@Controller()
class BaselineController {
  @Post('api/v1/events')
  @HttpCode(200)
  validate(@Body() body: { events?: unknown[] }) {
    if (!Array.isArray(body?.events)) throw new BadRequestException('events must be an array');
    return {
      position: '0',
      results: body.events.map((raw, i) => {
        const problems = factProblems(raw, Date.now(), `events[${i}]`);
        return problems.length ? { id: `#${i}`, status: 'rejected', error: problems.join('; ') } : { id: (raw as { id: string }).id, status: 'accepted' };
      }),
    };
  }
}

@Module({ controllers: [BaselineController] })
class BaselineModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(BaselineModule, new FastifyAdapter({ bodyLimit: 4 * 1024 * 1024 }), { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  console.log('listening on baseline');
}
void main();
