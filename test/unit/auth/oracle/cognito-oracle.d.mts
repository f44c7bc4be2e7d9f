export interface OracleInput {
  aHex: string;
  poolId: string;
  clientId?: string;
  username: string;
  userIdForSrp: string;
  password: string;
  srpB: string;
  salt: string;
  secretBlock: string;
  now: Date;
}
export interface OracleOutput {
  srpA: string;
  key: string;
  signature: string;
  timestamp: string;
  username: string;
}
export function oracleTimestamp(date: Date): string;
export function oracleSignIn(input: OracleInput): OracleOutput;
