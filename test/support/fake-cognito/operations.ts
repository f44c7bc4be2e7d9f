// Every AWS JSON 1.1 operation the fake answers, by X-Amz-Target operation name.
import type { FakeContext } from './context.js';
import { initiateAuth, adminInitiateAuth } from './auth-initiate.js';
import { respondToAuthChallenge, adminRespondToAuthChallenge } from './auth-respond.js';
import {
  signUp,
  confirmSignUp,
  resendConfirmationCode,
  forgotPassword,
  confirmForgotPassword,
  changePassword,
  globalSignOut,
  adminUserGlobalSignOut,
  revokeToken,
} from './self-service.js';
import {
  associateSoftwareToken,
  verifySoftwareToken,
  setUserMfaPreference,
  adminSetUserMfaPreference,
  getUserPoolMfaConfig,
  setUserPoolMfaConfig,
} from './mfa.js';
import { getUser, adminGetUser } from './users.js';
import { getClientToken } from './client-token.js';
import { describeUserPool, describeUserPoolClient } from './describe.js';
import {
  getCsvHeader,
  createUserImportJob,
  startUserImportJob,
  describeUserImportJob,
  stopUserImportJob,
  listUserImportJobs,
} from './import-jobs.js';
import { updateUserPool } from './update-pool.js';
import { updateUserPoolClient } from './update-client.js';
import { addUserPoolClientSecret, deleteUserPoolClientSecret, listUserPoolClientSecrets } from './client-secrets.js';
import {
  createResourceServer,
  deleteResourceServer,
  describeResourceServer,
  listResourceServers,
  updateResourceServer,
} from './resource-servers.js';
import { listGroups, listIdentityProviders, listUserPoolClients } from './listings.js';
import { FEATURE_PUBLIC_OPERATIONS, FEATURE_SIGNED_OPERATIONS } from './feature-operations.js';
import { recordAuthEvents } from './user-activity.js';

export type Operation = (ctx: FakeContext, body: any) => unknown;

/** Operations a caller reaches without AWS credentials (the app-client API). */
export const PUBLIC_OPERATIONS: Record<string, Operation> = {
  InitiateAuth: recordAuthEvents(initiateAuth),
  RespondToAuthChallenge: recordAuthEvents(respondToAuthChallenge),
  SignUp: signUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  ForgotPassword: forgotPassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ChangePassword: changePassword,
  GlobalSignOut: globalSignOut,
  RevokeToken: revokeToken,
  GetUser: getUser,
  AssociateSoftwareToken: associateSoftwareToken,
  VerifySoftwareToken: verifySoftwareToken,
  SetUserMFAPreference: setUserMfaPreference,
  ...FEATURE_PUBLIC_OPERATIONS,
  GetClientToken: getClientToken,
};

/** Operations that need a SigV4-signed request (IAM credentials). */
export const SIGNED_OPERATIONS: Record<string, Operation> = {
  AdminInitiateAuth: recordAuthEvents(adminInitiateAuth),
  AdminRespondToAuthChallenge: recordAuthEvents(adminRespondToAuthChallenge),
  AdminGetUser: adminGetUser,
  AdminSetUserMFAPreference: adminSetUserMfaPreference,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  DescribeUserPool: describeUserPool,
  DescribeUserPoolClient: describeUserPoolClient,
  GetCSVHeader: getCsvHeader,
  CreateUserImportJob: createUserImportJob,
  StartUserImportJob: startUserImportJob,
  DescribeUserImportJob: describeUserImportJob,
  StopUserImportJob: stopUserImportJob,
  ListUserImportJobs: listUserImportJobs,
  UpdateUserPool: updateUserPool,
  UpdateUserPoolClient: updateUserPoolClient,
  ListUserPoolClientSecrets: listUserPoolClientSecrets,
  AddUserPoolClientSecret: addUserPoolClientSecret,
  DeleteUserPoolClientSecret: deleteUserPoolClientSecret,
  CreateResourceServer: createResourceServer,
  DescribeResourceServer: describeResourceServer,
  ListResourceServers: listResourceServers,
  UpdateResourceServer: updateResourceServer,
  DeleteResourceServer: deleteResourceServer,
  ListUserPoolClients: listUserPoolClients,
  ListGroups: listGroups,
  ListIdentityProviders: listIdentityProviders,
  ...FEATURE_SIGNED_OPERATIONS,
};
