// AWS credentials for the admin APIs, from @aws-sdk/credential-providers: the default Node
// chain (env keys, SSO, web identity, credential_process, instance roles) or one named profile
// of the shared config files. An assume-role profile with mfa_serial asks for the code through
// our prompter, so it obeys --no-input like every other question.
import type { Prompter } from '../io/prompter.js';

export type CredentialProvider = ReturnType<typeof import('@aws-sdk/credential-providers').fromNodeProviderChain>;

export async function credentialProvider(
  awsProfile: string | undefined,
  prompter: Prompter,
): Promise<CredentialProvider> {
  const { fromIni, fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const mfaCodeProvider = (serial: string) =>
    prompter.input(`MFA code for ${serial}`, { what: `an MFA code for ${serial}` });
  return awsProfile ? fromIni({ profile: awsProfile, mfaCodeProvider }) : fromNodeProviderChain({ mfaCodeProvider });
}
