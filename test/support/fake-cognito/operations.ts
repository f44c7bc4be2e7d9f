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

export type Operation = (ctx: FakeContext, body: any) => unknown;

/** Operations a caller reaches without AWS credentials (the app-client API). */
export const PUBLIC_OPERATIONS: Record<string, Operation> = {
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
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
  GetClientToken: getClientToken,
};

/** Operations that need a SigV4-signed request (IAM credentials). */
export const SIGNED_OPERATIONS: Record<string, Operation> = {
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  AdminGetUser: adminGetUser,
  AdminSetUserMFAPreference: adminSetUserMfaPreference,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
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
};
