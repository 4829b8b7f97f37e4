export * from './event-store';
export * from './errors';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export * from './catch-up-consumer';
export { PageSubscription } from './page-subscription';
