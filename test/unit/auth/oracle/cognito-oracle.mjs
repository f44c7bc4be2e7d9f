// Drives amazon-cognito-identity-js (AWS's own browser SDK) through a complete USER_SRP_AUTH
// sign-in with a fake transport, so our SRP code can be compared with what that SDK would send.
// Nothing here touches the network: the fake client answers InitiateAuth with the challenge we
// choose and records the PASSWORD_VERIFIER response instead of sending it.
//
// Plain ESM (not TypeScript) so that generate-srp-vectors.mjs can run it under bare node.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');
const AuthenticationHelper = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js').default;
const DateHelper = require('amazon-cognito-identity-js/lib/DateHelper.js').default;
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;

/** Runs `fn` while `new Date()` (no arguments) and Date.now() return `fixed`. */
function atTime(fixed, fn) {
  const RealDate = globalThis.Date;
  class FixedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(fixed.getTime());
      else super(...args);
    }
    static now() {
      return fixed.getTime();
    }
  }
  globalThis.Date = FixedDate;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

/** The SDK's timestamp for `date` (DateHelper.getNowString reads the clock). */
export function oracleTimestamp(date) {
  return atTime(date, () => new DateHelper().getNowString());
}

/**
 * One SRP sign-in by the SDK with fixed inputs.
 * input: { aHex, poolId, clientId?, username, userIdForSrp, password, srpB, salt, secretBlock, now }
 * returns { srpA, key (hex), signature, timestamp, username }
 */
export function oracleSignIn(input) {
  const proto = AuthenticationHelper.prototype;
  const originalSmallA = proto.generateRandomSmallA;
  const originalKey = proto.getPasswordAuthenticationKey;
  let key;
  let srpA;
  let responses;
  // The SDK draws `a` in the AuthenticationHelper constructor; hand it ours instead.
  proto.generateRandomSmallA = () => new BigInteger(input.aHex, 16);
  // Record the HKDF key on its way to the signature.
  proto.getPasswordAuthenticationKey = function (user, password, B, salt, callback) {
    return originalKey.call(this, user, password, B, salt, (err, hkdf) => {
      if (hkdf) key = Buffer.from(hkdf).toString('hex');
      callback(err, hkdf);
    });
  };
  try {
    const pool = new CognitoUserPool({ UserPoolId: input.poolId, ClientId: input.clientId ?? 'oracleclient' });
    const user = new CognitoUser({ Username: input.username, Pool: pool });
    user.client = {
      request(operation, params, callback) {
        if (operation === 'InitiateAuth') {
          srpA = params.AuthParameters.SRP_A;
          return callback(null, {
            ChallengeName: 'PASSWORD_VERIFIER',
            Session: 'oracle-session',
            ChallengeParameters: {
              USER_ID_FOR_SRP: input.userIdForSrp,
              SRP_B: input.srpB,
              SALT: input.salt,
              SECRET_BLOCK: input.secretBlock,
            },
          });
        }
        if (operation === 'RespondToAuthChallenge') {
          responses = params.ChallengeResponses;
          return callback(Object.assign(new Error('recorded'), { code: 'Recorded' }));
        }
        return callback(new Error(`oracle: unexpected ${operation}`));
      },
    };
    let failure;
    atTime(input.now, () =>
      user.authenticateUser(new AuthenticationDetails({ Username: input.username, Password: input.password }), {
        onSuccess: () => {},
        onFailure: (err) => {
          if (err?.code !== 'Recorded') failure = err;
        },
      }),
    );
    if (failure) throw failure;
    if (!responses) throw new Error('oracle: the SDK never answered the PASSWORD_VERIFIER challenge');
    return {
      srpA,
      key,
      signature: responses.PASSWORD_CLAIM_SIGNATURE,
      timestamp: responses.TIMESTAMP,
      username: responses.USERNAME,
    };
  } finally {
    proto.generateRandomSmallA = originalSmallA;
    proto.getPasswordAuthenticationKey = originalKey;
  }
}
