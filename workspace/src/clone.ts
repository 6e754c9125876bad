// @types/node 16 (pinned for the app compiler) doesn't declare structuredClone; Node 20 has it.
export const clone = <T>(value: T): T => (globalThis as unknown as { structuredClone<U>(v: U): U }).structuredClone(value);
