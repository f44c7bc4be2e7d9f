// Runs a plan's steps against a pool, one request (or one read-merge-write) each, in order.
// Updates go through the update helper: each object is described again right before its update
// and only the file's fields are merged in, so settings the file does not hold (an identity
// provider's secret, fields newer than the file) survive. Reports each step through a callback;
// on a failure, says which steps were done before it.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { readMergeWrite, type Patch, type UpdateInput, type UpdateKind } from '../aws/merge-update.js';
import { registerSecret } from '../aws/redact.js';
import type { Settings } from './document.js';
import type { Step } from './plan.js';

export interface StepResult {
  step: Step;
  /** The id Cognito gave a created client. */
  clientId?: string;
}

export class StepFailure extends Error {
  constructor(
    readonly done: StepResult[],
    readonly failed: Step,
    readonly error: unknown,
  ) {
    super(`${failed.action} ${failed.object} ${failed.name} failed`);
  }
}

export async function executeSteps(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  steps: Step[],
  clientIds: Record<string, string>,
  onStep: (result: StepResult) => void = () => {},
): Promise<StepResult[]> {
  const done: StepResult[] = [];
  for (const step of steps) {
    try {
      const result = await runStep(idp, poolId, step, clientIds);
      done.push(result);
      onStep(result);
    } catch (err) {
      throw new StepFailure(done, step, err);
    }
  }
  return done;
}

const UPDATE_KIND: Partial<Record<Step['object'], UpdateKind>> = {
  mfa: 'mfaConfig',
  pool: 'userPool',
  'resource-server': 'resourceServer',
  'identity-provider': 'identityProvider',
  client: 'userPoolClient',
};

async function runStep(idp: CognitoIdentityProviderClient, UserPoolId: string, step: Step, clientIds: Record<string, string>): Promise<StepResult> {
  const {
    AddCustomAttributesCommand,
    CreateGroupCommand,
    CreateIdentityProviderCommand,
    CreateResourceServerCommand,
    CreateUserPoolClientCommand,
    CreateUserPoolDomainCommand,
    DeleteGroupCommand,
    DeleteIdentityProviderCommand,
    DeleteResourceServerCommand,
    DeleteUserPoolClientCommand,
    DeleteUserPoolDomainCommand,
    UpdateGroupCommand,
    UpdateUserPoolDomainCommand,
  } = await import('@aws-sdk/client-cognito-identity-provider');
  const f = { ...(step.fields ?? {}) } as Settings & Record<string, any>;
  const name = step.name;

  if (step.action === 'update') {
    const kind = UPDATE_KIND[step.object];
    if (kind) {
      const { hasSecret: _, ProviderType: __, ...patch } = f;
      // The pool's answer may still carry the legacy mirror of the temporary password's life,
      // which UpdateUserPool refuses next to the new field.
      if (kind === 'userPool' && (patch as any).Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined) {
        patch.AdminCreateUserConfig = { ...(patch.AdminCreateUserConfig as object), UnusedAccountValidityDays: null };
      }
      const keys: Record<UpdateKind, Record<string, string>> = {
        mfaConfig: { UserPoolId },
        userPool: { UserPoolId },
        resourceServer: { UserPoolId, Identifier: name },
        identityProvider: { UserPoolId, ProviderName: name },
        userPoolClient: { UserPoolId, ClientId: clientIds[name]! },
      };
      await readMergeWrite(idp, kind, keys[kind] as never, patch as Patch<UpdateInput<typeof kind>>);
      return { step };
    }
  }

  switch (`${step.action} ${step.object}`) {
    case 'create attributes':
      await idp.send(new AddCustomAttributesCommand({
        UserPoolId,
        // The API adds the `custom:` prefix itself.
        CustomAttributes: (f.CustomAttributes as Settings[]).map((a) => ({ ...a, Name: String(a.Name).replace(/^custom:/, '') })),
      }));
      return { step };
    case 'create domain':
      await idp.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain: name, ...(f as any) }));
      return { step };
    case 'update domain':
      await idp.send(new UpdateUserPoolDomainCommand({ UserPoolId, Domain: name, ...(step.merged as any) }));
      return { step };
    case 'delete domain':
      await idp.send(new DeleteUserPoolDomainCommand({ UserPoolId, Domain: name }));
      return { step };
    case 'create resource-server':
      await idp.send(new CreateResourceServerCommand({ UserPoolId, Identifier: name, Name: f.Name, Scopes: f.Scopes }));
      return { step };
    case 'delete resource-server':
      await idp.send(new DeleteResourceServerCommand({ UserPoolId, Identifier: name }));
      return { step };
    case 'create identity-provider':
      await idp.send(new CreateIdentityProviderCommand({ UserPoolId, ProviderName: name, ...(f as any) }));
      return { step };
    case 'delete identity-provider':
      await idp.send(new DeleteIdentityProviderCommand({ UserPoolId, ProviderName: name }));
      return { step };
    case 'create group':
      await idp.send(new CreateGroupCommand({ UserPoolId, GroupName: name, ...(f as any) }));
      return { step };
    case 'update group':
      // UpdateGroup resets what it is not sent: send the file's fields merged over the group's.
      await idp.send(new UpdateGroupCommand({ UserPoolId, GroupName: name, ...(step.merged as any) }));
      return { step };
    case 'delete group':
      await idp.send(new DeleteGroupCommand({ UserPoolId, GroupName: name }));
      return { step };
    case 'create client': {
      const { hasSecret, ...fields } = f;
      const { UserPoolClient } = await idp.send(
        new CreateUserPoolClientCommand({ ...(fields as any), UserPoolId, ClientName: name, GenerateSecret: Boolean(hasSecret) }),
      );
      registerSecret(UserPoolClient?.ClientSecret);
      clientIds[name] = UserPoolClient!.ClientId!;
      return { step, clientId: UserPoolClient!.ClientId };
    }
    case 'delete client':
      await idp.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId: clientIds[name]! }));
      return { step };
  }
  throw new Error(`no way to ${step.action} ${step.object}`);
}
