export { verifyCaliperBearer } from './verify-bearer';
export { translateCaliperEnvelope } from './translate-envelope';
export { translateCaliperEvent } from './translate-event';
export { readCaliperEnvelope, UnsupportedCaliperVersionError } from './envelope';
export type { CaliperEnvelope } from './envelope';
export { PLAIN_CALIPER } from './caliper-source';
export type { CaliperSource } from './caliper-source';
export { durationSeconds } from './media-time';
