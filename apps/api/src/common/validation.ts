import { BadRequestException, PipeTransform } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { checker, Checker } from '@attendance/domain';
import type { Static, TObject } from '@sinclair/typebox';

/**
 * Checks a request body against its schema (libs/domain/src/schema.ts): the one way bodies are
 * validated, and the same schema the OpenAPI document shows. A body left out counts as {} for a
 * route whose fields are all optional.
 */
export class SchemaPipe<S extends TObject> implements PipeTransform<unknown, Static<S>> {
  private readonly checker: Checker<Static<S>>;
  private readonly emptyAllowed: boolean;

  constructor(readonly schema: S) {
    this.checker = checker(schema);
    this.emptyAllowed = this.checker.check({});
  }

  transform(value: unknown): Static<S> {
    const body = value === undefined && this.emptyAllowed ? {} : value;
    if (body === undefined) throw new BadRequestException('body is required: send a JSON object');
    const problems = this.checker.problems(body);
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
    return body as Static<S>;
  }
}

export const valid = <S extends TObject>(schema: S) => new SchemaPipe(schema);

/** The body's schema in the OpenAPI document (TypeBox writes JSON Schema; OpenAPI 3.0 reads it). */
export const ApiBodySchema = (schema: TObject, options: { required?: boolean } = {}) => ApiBody({ schema: schema as unknown as SchemaObject, required: options.required ?? true });
