export { verifyZoom } from './verify-zoom';
export type { ZoomRequest } from './verify-zoom';
export { answerUrlValidation, isUrlValidation } from './url-validation';
export type { ZoomUrlValidationAnswer } from './url-validation';
export { translateZoom } from './translate-zoom';
export { zoomMeetingEnd } from './meeting-end';
export type { ZoomMeetingEnd } from './meeting-end';
export { zoomUserId } from './participant-fact';
