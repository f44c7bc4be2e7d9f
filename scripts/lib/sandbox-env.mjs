// The environment the demo and the benchmarks run the CLI in: a throw-away config and state
// folder, an emulator endpoint, and credentials that only an emulator accepts.
import { join } from 'node:path';

export function sandboxEnv(endpoint, home) {
  return {
    ...process.env,
    COGNITO_ADMIN_CONFIG: join(home, 'config.json'),
    XDG_STATE_HOME: join(home, 'state'),
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_CONFIG_FILE: join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Settings of the caller's shell must not leak into the sandbox.
    COGNITO_USER_POOL_ID: '',
    COGNITO_CLIENT_ID: '',
    COGNITO_ADMIN_PROFILE: '',
  };
}
