export { verifyCanvasSigned } from './verify-signed';
export { translateCanvasEvent } from './translate-canvas-event';
export { translateCanvasCaliperEvent, translateCanvasLiveEvent } from './translate-live-event';
export { canvasEntityId, CANVAS_CALIPER } from './canvas-ids';
