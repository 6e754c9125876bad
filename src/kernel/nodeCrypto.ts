/**
 * Node's `crypto`, loaded at its first use. In the engine's Deno runtime `require('crypto')` takes 8–15 ms, which
 * every install and every start of the app's process paid at load, although only checks, pushes and objections
 * hash or draw random bytes. The same module and functions: only the moment it loads moves.
 */
import type * as Crypto from 'crypto';

let loaded: typeof Crypto | undefined;

export function nodeCrypto(): typeof Crypto {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: an `import` is required at load in the bundle
	return (loaded ??= require('crypto') as typeof Crypto);
}
