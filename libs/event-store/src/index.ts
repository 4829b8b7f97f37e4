export * from './event-store';
export * from './errors';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
