// How a group looks in output: the same fields from `group create|get|list|update` and
// `user groups`.
import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';

export interface GroupView {
  name: string;
  poolId?: string;
  description?: string;
  precedence?: number;
  roleArn?: string;
  created?: Date;
  modified?: Date;
}

export function groupView(group: GroupType): GroupView {
  return {
    name: group.GroupName ?? '',
    poolId: group.UserPoolId,
    description: group.Description,
    precedence: group.Precedence,
    roleArn: group.RoleArn,
    created: group.CreationDate,
    modified: group.LastModifiedDate,
  };
}
