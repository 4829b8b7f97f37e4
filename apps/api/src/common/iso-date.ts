import { registerDecorator, ValidationOptions } from 'class-validator';

/** ISO 8601 date-time with an explicit offset or Z, as the contract requires. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const isIsoWithOffset = (value: unknown): value is string => typeof value === 'string' && ISO_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value));

export function IsIsoDateTime(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDateTime',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO 8601 date-time with an offset, like 2026-09-06T08:00:00+03:00`, ...options },
      validator: { validate: isIsoWithOffset },
    });
}
