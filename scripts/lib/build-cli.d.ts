export const DEFAULT_OUTFILE: string;
export function buildCli(options?: { outfile?: string; entry?: string; engine?: string }): Promise<string>;
export function engineFor(version?: string): { version: string; rocketChat: string; dir: string };
