// The import engine behind `user import` and `user export`. Pure modules: files, Cognito and time
// come in through parameters (ImportApi, ImportJobApi, Clock), so everything here runs in tests.
export * from '../bulk/errors.js';
export * from '../bulk/clock.js';
export * from './pool-facts.js';
export * from './cells.js';
export * from './csv-source.js';
export * from './header.js';
export * from './username-set.js';
export * from './validate.js';
export * from '../bulk/rate-budget.js';
export * from '../bulk/retry.js';
export * from '../bulk/journal.js';
export * from './report.js';
export * from './executor.js';
export * from '../bulk/progress.js';
export * from './export.js';
export * from './job/template.js';
export * from './job/split.js';
export * from './job/driver.js';
export * from './run.js';
