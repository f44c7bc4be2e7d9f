// Turns `client update` flags into a patch for the read-merge-write helper. Pure: the dry run and
// the tests see exactly what would change.
import type { UpdateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { UsageError } from '../../errors.js';
import type { Patch } from '../../aws/merge-update.js';
import { checkClientName, explicitFlow, FLOWS, tokenValidityFields, type Flow } from './create-request.js';
import { editList, oauthPatch, type OAuthFlags } from './oauth-flags.js';

export const ON_OFF = ['on', 'off'] as const;
const LEGACY_FLOWS = ['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH'];

export interface ClientUpdateFlags extends OAuthFlags {
  name?: string;
  flows?: Flow[];
  addFlow?: Flow[];
  removeFlow?: Flow[];
  accessTokenValidity?: string;
  idTokenValidity?: string;
  refreshTokenValidity?: string;
  refreshRotation?: 'on' | 'off';
  rotationGrace?: number;
  tokenRevocation?: 'on' | 'off';
}

export function clientPatch(
  flags: ClientUpdateFlags,
  current: UpdateUserPoolClientCommandInput,
  hasSecret: boolean,
): Patch<UpdateUserPoolClientCommandInput> {
  const patch: Record<string, any> = {};
  if (flags.name !== undefined) {
    checkClientName(flags.name);
    patch.ClientName = flags.name;
  }
  const legacy = (current.ExplicitAuthFlows ?? []).filter((f) => LEGACY_FLOWS.includes(f));
  if (legacy.length && (flags.addFlow || flags.removeFlow)) {
    // What such a client implicitly allowed is not documented, so the operator states it in full.
    throw new UsageError(`the client has legacy flows (${legacy.join(', ')}), which Cognito does not take together with the ALLOW_ ones`, {
      hint: `give the whole new list instead: --flows ${FLOWS.slice(0, 4).join(',')}…`,
    });
  }
  const flows = editList(
    'sign-in flow',
    current.ExplicitAuthFlows,
    flags.flows?.map(explicitFlow),
    flags.addFlow?.map(explicitFlow),
    flags.removeFlow?.map(explicitFlow),
    () => {},
  );
  if (flows) {
    // An empty list is not "none": Cognito would switch its defaults (srp, custom, refresh) on.
    if (!flows.length) throw new UsageError('a client keeps at least one sign-in flow', { hint: `flows: ${FLOWS.join(', ')}` });
    patch.ExplicitAuthFlows = flows;
  }
  Object.assign(patch, tokenValidityFields(flags));
  Object.assign(patch, oauthPatch(flags, current, hasSecret));

  if (flags.refreshRotation) patch.RefreshTokenRotation = { Feature: flags.refreshRotation === 'on' ? 'ENABLED' : 'DISABLED' };
  if (flags.rotationGrace !== undefined) {
    if (flags.rotationGrace > 60) throw new UsageError('--rotation-grace must be between 0 and 60 seconds');
    const feature = patch.RefreshTokenRotation?.Feature ?? current.RefreshTokenRotation?.Feature;
    if (feature !== 'ENABLED') throw new UsageError('--rotation-grace needs refresh-token rotation: add --refresh-rotation on');
    patch.RefreshTokenRotation = { Feature: 'ENABLED', RetryGracePeriodSeconds: flags.rotationGrace };
  }
  if (flags.tokenRevocation) patch.EnableTokenRevocation = flags.tokenRevocation === 'on';
  return patch;
}
