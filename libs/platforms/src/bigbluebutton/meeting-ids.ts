import { digestHex } from '../shared/signatures';

/**
 * BBB builds the internal meeting id as sha1(externalMeetingId) + "-" + creation time, so an
 * event that only names the internal meeting (raw events, or a meeting created while
 * bbb-webhooks was down) can still be matched against the external ids items link to.
 */
export function externalMeetingIdOf(internalMeetingId: string, knownExternalIds: readonly string[]): string | undefined {
  const hash = internalMeetingId.split('-')[0];
  return knownExternalIds.find((externalId) => digestHex('sha1', externalId) === hash);
}

/** The activity of an event: its external meeting id, else one recognised from the known ids, else the internal id. */
export function meetingActivity(internalMeetingId: string, externalMeetingId: unknown, knownExternalIds: readonly string[]): string {
  if (typeof externalMeetingId === 'string' && externalMeetingId !== '') return externalMeetingId;
  return externalMeetingIdOf(internalMeetingId, knownExternalIds) ?? internalMeetingId;
}
