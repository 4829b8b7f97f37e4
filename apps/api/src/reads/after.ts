import { BadRequestException } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { AttendanceProjection } from '../projection/attendance.projection';

/** `?after=` in the OpenAPI document. */
export const After = () => ApiQuery({ name: 'after', required: false, description: 'answer once the read model has reached this position (read-your-writes)', schema: { type: 'string', pattern: '^\\d{1,20}$' } });

/** `?after=` holds a read until the read model has seen that position (read-your-writes). */
export function parseAfter(after: string | undefined): bigint | undefined {
  if (after === undefined || after === '') return undefined;
  if (!/^\d{1,20}$/.test(after)) throw new BadRequestException('after must be a position as returned by a write');
  return BigInt(after);
}

/** Holds a read until the projection has reached `?after=` when given (503 after 5 s). */
export async function caughtUp(projection: AttendanceProjection, after: string | undefined): Promise<void> {
  const position = parseAfter(after);
  if (position !== undefined) await projection.waitFor(position);
}
