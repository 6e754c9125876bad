export const DEFAULT_OUTFILE: string;
export function buildCli(options?: { outfile?: string; entry?: string }): Promise<string>;
