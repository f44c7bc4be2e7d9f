// Reading a configuration file for pool diff, apply and clone.
import { readFileSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { parseConfig, type PoolConfig } from '../../pool-config/document.js';

export function readConfigFile(file: string): PoolConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parseConfig(text, file);
}
