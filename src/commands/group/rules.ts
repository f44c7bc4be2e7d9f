// Cognito's rules for group fields and usernames, checked before anything is sent, so that bad
// input is a usage error (exit 2) that names the flag rather than a ValidationException.
import { UsageError } from '../../errors.js';

// CreateGroup/UpdateGroup and AdminAddUserToGroup document these patterns and lengths.
const NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const MAX_NAME = 128;
const MAX_DESCRIPTION = 2048;
const MAX_PRECEDENCE = 2 ** 31 - 1;

export function checkGroupName(name: string, where = 'the group name'): string {
  if (name.length === 0 || [...name].length > MAX_NAME) {
    throw new UsageError(`${where} must be 1 to ${MAX_NAME} characters long`);
  }
  if (!NAME.test(name)) {
    throw new UsageError(`${where} "${name}" is not a valid group name`, {
      hint: 'group names are letters, digits, punctuation and symbols, without spaces',
    });
  }
  return name;
}

export function checkUsername(name: string, where: string): string {
  if ([...name].length > MAX_NAME || !NAME.test(name)) {
    throw new UsageError(`${where}: "${name}" is not a valid username`, {
      hint: `usernames are 1 to ${MAX_NAME} letters, digits, punctuation and symbols, without spaces`,
    });
  }
  return name;
}

export function checkDescription(description: string | undefined): void {
  if (description !== undefined && [...description].length > MAX_DESCRIPTION) {
    throw new UsageError(`--description is longer than Cognito's limit of ${MAX_DESCRIPTION} characters`);
  }
}

export function checkPrecedence(precedence: number | undefined): void {
  if (precedence !== undefined && precedence > MAX_PRECEDENCE) {
    throw new UsageError(`--precedence must be between 0 and ${MAX_PRECEDENCE}`, {
      hint: 'a lower number wins when a user is in several groups with roles',
    });
  }
}

