// Runs in every test worker: the folders test/support/temp-dirs.ts handed out go when the file ends.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.js';

afterAll(() => removeTempDirs());
