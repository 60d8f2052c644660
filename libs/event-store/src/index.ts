export * from './event.types';
export { eventStoreMigrations } from './migrations';
