import type { Translation } from '../platform-fact';
import { readJsonObject } from '../shared/json-body';
import { recordFacts } from './record-facts';
import { AttendanceRecord, isChangeNotification } from './teams-report';

/**
 * Translates a pulled `meetingAttendanceReport` (with `attendanceRecords` expanded) or a page of
 * `attendanceRecords` (`value`). Neither names the meeting in its data, so the caller does: the
 * onlineMeeting id it read the report from, which is also what items link to.
 */
export function translateTeamsAttendanceReport(json: unknown, meetingId: string): Translation {
  if (!meetingId) throw new Error('a Teams attendance report needs the meeting id it was read from');
  const report = readJsonObject(json, 'Teams attendance report');
  const items = report.attendanceRecords ?? report.value;
  if (!Array.isArray(items)) throw new Error('the Teams attendance report has neither attendanceRecords nor value');

  const translation: Translation = { facts: [], ignored: [] };
  for (const item of items) {
    if (isChangeNotification(item)) {
      translation.ignored.push({
        event: item.resourceData?.eventType ?? 'changeNotification',
        reason: 'Teams push notifications are not supported: import the attendance report after the meeting',
      });
      continue;
    }
    const part = recordFacts(item as AttendanceRecord, meetingId);
    translation.facts.push(...part.facts);
    translation.ignored.push(...part.ignored);
  }
  return translation;
}
