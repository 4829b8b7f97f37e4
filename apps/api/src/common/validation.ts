import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Flattens class-validator errors into messages that name the field by its full path. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((m) => (m.startsWith(error.property) ? `${path}${m.slice(error.property.length)}` : `${path}: ${m}`));
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

export const strictValidationPipe = new ValidationPipe({
  ...OPTIONS,
  transform: true,
  exceptionFactory: (errors) => new BadRequestException(describeValidationErrors(errors).join('; ')),
});
