import { INSTANT_FORMAT, parseInstant } from '@attendance/domain';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** ISO 8601 date-time with an explicit offset or Z on a real calendar day, as the contract requires. */
export const isIsoWithOffset = (value: unknown): value is string => parseInstant(value) !== undefined;

export function IsIsoDateTime(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDateTime',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be ${INSTANT_FORMAT}`, ...options },
      validator: { validate: isIsoWithOffset },
    });
}
