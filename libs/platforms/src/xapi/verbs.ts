/** The verb IRIs that carry attendance (http-api.md, "xAPI statements become facts by verb"). */
export const VERBS = {
  join: 'http://activitystrea.ms/join',
  leave: 'http://activitystrea.ms/leave',
  videoPlayed: 'https://w3id.org/xapi/video/verbs/played',
  videoPaused: 'https://w3id.org/xapi/video/verbs/paused',
  /** ADL's completed: the video profile, cmi5 and plain e-learning all use this one IRI. */
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  loggedIn: 'https://w3id.org/xapi/adl/verbs/logged-in',
} as const;

export const VIDEO = {
  activityType: 'https://w3id.org/xapi/video/activity-type/video',
  category: 'https://w3id.org/xapi/video',
  progress: 'https://w3id.org/xapi/video/extensions/progress',
  playedSegments: 'https://w3id.org/xapi/video/extensions/played-segments',
} as const;

/** Verbs the video profile reports a viewing position with. */
export const VIDEO_VIEW_VERBS: readonly string[] = [VERBS.videoPlayed, VERBS.videoPaused, VERBS.completed, VERBS.terminated];
