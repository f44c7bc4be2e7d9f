export interface FormInput {
  name?: string;
  type?: string;
  value?: string;
}
export function parseForm(html: string): { action: string; method: string; inputs: FormInput[] } | undefined;
export function driveLogin(
  startUrl: string,
  person: { username?: string; password?: string; account?: string },
  log?: (step: { method: string; path: string; status: number }) => void,
): Promise<{ status: number; url: string; html: string }>;
