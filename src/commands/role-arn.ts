// An IAM role ARN given on the command line (a group's role, an identity pool's roles, the role
// Cognito sends SMS with), checked before anything is sent so that a typo is a usage error.
import { UsageError } from '../errors.js';

// arn:<partition>:iam::<account>:role/<optional path/>name, as IAM writes it.
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

export function checkRoleArn(arn: string, flag: string): string {
  if (!ROLE_ARN.test(arn)) {
    throw new UsageError(`${flag} "${arn}" is not an IAM role ARN`, {
      hint: 'expected arn:aws:iam::<12-digit account>:role/<name>, e.g. arn:aws:iam::123456789012:role/app-users',
    });
  }
  return arn;
}
