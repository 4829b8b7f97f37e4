/** The fields of a Zoom meeting or webinar event that attendance needs (see README §2). */
export interface ZoomParticipant {
  user_id?: string;
  id?: string;
  participant_uuid?: string;
  participant_user_id?: string;
  customer_key?: string;
  email?: string;
  join_time?: string;
  leave_time?: string;
}

export interface ZoomEvent {
  event?: string;
  event_ts?: number;
  payload?: {
    object?: {
      id?: string | number;
      uuid?: string;
      end_time?: string;
      participant?: ZoomParticipant;
    };
  };
}
