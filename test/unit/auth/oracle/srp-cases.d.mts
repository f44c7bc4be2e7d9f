import type { OracleInput } from './cognito-oracle.mjs';

export type CaseKind =
  | 'salt-high-bit'
  | 'b-high-bit'
  | 'salt-odd-hex'
  | 'b-odd-hex'
  | 'salt-leading-zero-bytes'
  | 'b-leading-zero-bytes'
  | 'b-short'
  | 'b-above-n'
  | 'unicode'
  | 'alias'
  | 'plain';
export const CASE_KINDS: CaseKind[];
export interface SrpCase extends OracleInput {
  kind: CaseKind;
}
export function seededBytes(seed: string): (n: number) => Buffer;
export function buildSrpCase(bytes: (n: number) => Buffer, index: number): SrpCase;
