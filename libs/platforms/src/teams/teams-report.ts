/** Microsoft Graph attendance report shapes (v1.0), the fields attendance needs. */
export interface AttendanceInterval {
  joinDateTime?: string | null;
  leaveDateTime?: string | null;
  durationInSeconds?: number;
}

export interface AttendanceRecord {
  emailAddress?: string | null;
  identity?: { id?: string | null; displayName?: string | null } | null;
  attendanceIntervals?: AttendanceInterval[];
}

/** A change notification (push), told apart from records by its subscription fields. */
export interface ChangeNotification {
  subscriptionId?: string;
  changeType?: string;
  resourceData?: { eventType?: string };
}

export const isChangeNotification = (item: unknown): item is ChangeNotification =>
  typeof item === 'object' && item !== null && 'subscriptionId' in item && 'changeType' in item;
