import { FACT_TYPES } from '@attendance/rules';
import type { FactType, MarkStatus } from '@attendance/rules';
import { IsIn, IsNumber, IsString, Length, Max, Min, ValidateIf, registerDecorator } from 'class-validator';
import { IsIsoDateTime } from '../common/iso-date';

const Id = () => Length(1, 200);
const isType = (...types: FactType[]) => (fact: FactDto) => types.includes(fact.type);
/** A field that only some types carry: checked when one of them has it (or must), refused on the others. */
const OnlyFor = (types: FactType[], required: boolean) => (target: object, propertyName: string) => {
  ValidateIf((fact: FactDto, value: unknown) => (isType(...types)(fact) ? required || value !== undefined : value !== undefined))(target, propertyName);
  registerDecorator({
    name: 'onlyFor',
    target: target.constructor,
    propertyName,
    options: { message: `${propertyName} is allowed only on ${types.join(', ')}` },
    validator: { validate: (_value: unknown, args) => isType(...types)(args!.object as FactDto) },
  });
};

function IsWatchedRanges() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isWatchedRanges',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a list of [fromSecond, toSecond] pairs with 0 ≤ fromSecond ≤ toSecond` },
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length <= 10_000 &&
          value.every((r) => Array.isArray(r) && r.length === 2 && r.every((n) => typeof n === 'number' && Number.isFinite(n)) && 0 <= r[0] && r[0] <= r[1]),
      },
    });
}

/** One fact of POST /api/v1/events, validated on its own so one bad fact rejects only itself. */
export class FactDto {
  @IsString() @Id() id: string;
  @IsIn(FACT_TYPES) type: FactType;
  @IsIsoDateTime() occurredAt: string;
  @IsString() @Id() sectionId: string;
  @IsString() @Id() studentId: string;

  @ValidateIf((fact: FactDto, value: unknown) => fact.type !== 'course.accessed' || value !== undefined)
  @IsString()
  @Id()
  itemId?: string;

  @OnlyFor(['recorded-lecture.viewed'], false)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  progress?: number;

  @OnlyFor(['recorded-lecture.viewed'], false)
  @IsWatchedRanges()
  watchedRanges?: Array<[number, number]>;

  @OnlyFor(['in-person.marked'], true)
  @IsIn(['present', 'late', 'absent'])
  status?: MarkStatus;
}
