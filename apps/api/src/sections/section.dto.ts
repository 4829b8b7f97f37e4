import { CORRECTED_OUTCOMES, ITEM_KINDS, LEVELS } from '@attendance/rules';
import type { CorrectedOutcome, ItemKind, Level } from '@attendance/rules';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsIsoDateTime } from '../common/iso-date';

const Id = () => Length(1, 200);

export class EnrollmentDto {
  @IsOptional() @IsIsoDateTime() enrolledAt?: string;
}

export class LinksDto {
  @IsOptional() @IsString() bigbluebutton?: string;
  @IsOptional() @IsString() zoom?: string;
  @IsOptional() @IsString() moodle?: string;
  @IsOptional() @IsString() canvas?: string;
  @IsOptional() @IsString() xapi?: string;
  @IsOptional() @IsString() caliper?: string;
  @IsOptional() @IsString() teams?: string;
  @IsOptional() @IsString() blackboard?: string;
}

export class SectionDto {
  @IsString() @Id() termId: string;
  @IsString() @Id() courseCode: string;
  @IsOptional() @IsString() @Length(0, 500) title?: string;
  @IsIn(LEVELS) level: Level;
  @IsOptional() @IsIn([25, 50, 75]) inPersonSharePercent?: number;
  @IsOptional() @IsString() timezone?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @Length(1, 200, { each: true }) instructors?: string[];
  @IsOptional() @IsObject() policy?: Record<string, unknown>;
  /** Not in the contract: the deadline of recorded lectures that have no dueAt (rules §4). */
  @IsOptional() @IsIsoDateTime() termEndsAt?: string;
  /** Not in the contract: the platforms' ids of this course, so their course accesses count here. */
  @IsOptional() @ValidateNested() @Type(() => LinksDto) links?: LinksDto;
}

export class ItemDto {
  @IsIn(ITEM_KINDS) kind: ItemKind;
  @IsOptional() @IsIsoDateTime() startsAt?: string;
  @IsOptional() @IsIsoDateTime() endsAt?: string;
  @IsOptional() @IsIsoDateTime() dueAt?: string;
  @IsOptional() @IsInt() @Min(1) @Max(100_000) durationMinutes?: number;
  @IsOptional() @IsString() @Length(1, 200) unit?: string;
  @IsOptional() @IsString() @Length(0, 500) title?: string;
  @IsOptional() @ValidateNested() @Type(() => LinksDto) links?: LinksDto;
}

export class ExcuseDto {
  @IsString() @Id() studentId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) itemIds: string[];
  @IsString() @Length(1, 2000) reason: string;
  @IsString() @Id() decidedBy: string;
}

export class CorrectionDto {
  @IsString() @Id() studentId: string;
  @IsString() @Id() itemId: string;
  @IsIn(CORRECTED_OUTCOMES) outcome: CorrectedOutcome;
  @IsString() @Length(1, 2000) reason: string;
}

export class WaiverDto {
  @IsString() @Id() studentId: string;
  @IsString() @Id() decidedBy: string;
  @IsString() @Length(1, 2000) reason: string;
}

export class FinalizeDto {
  @IsOptional() @IsString() @Length(0, 2000) reason?: string;
}
