export interface NpmOptions { cwd?: string; env?: Record<string, string | undefined> }
export function npm(args: string[], options?: NpmOptions): string;
export function copyCheckout(root: string, dest: string): string;
export interface Packed { tarball: string; size: number; unpackedSize: number; files: Array<{ path: string; size: number }> }
export function pack(projectDir: string, destination: string): Packed;
export function installGlobal(tarball: string, prefix: string): { packageDir: string; command: string };
export function treeSize(dir: string): { bytes: number; disk: number; files: number };
