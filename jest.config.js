/** Two projects: fast unit tests of the app's own code, and the engine suite that runs the app in the real
 *  Apps-Engine 1.62 (Deno) through workspace/. `npm run test:unit` / `npm run test:engine` select one. */
/** Rocket.Chat's message parser (issue 13's tests read the app's markdown with it) is an ES module only. */
const MESSAGE_PARSER = {
	transform: { 'message-parser/dist/.+\\.js$': '<rootDir>/test/support/esm-transform.js' },
	transformIgnorePatterns: ['/node_modules/(?!@rocket\\.chat/message-parser/)'],
};

module.exports = {
	projects: [
		{
			displayName: 'unit',
			preset: 'ts-jest',
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			transform: {
				'^.+\\.ts$': 'ts-jest',
				// The bundled list is embedded as text in the app (esbuild's text loader); tests read it the same way.
				'^.+\\.yaml$': '<rootDir>/test/support/text-transform.js',
				...MESSAGE_PARSER.transform,
			},
			transformIgnorePatterns: MESSAGE_PARSER.transformIgnorePatterns,
			moduleFileExtensions: ['ts', 'js', 'json', 'yaml'],
		},
		{
			displayName: 'engine',
			preset: 'ts-jest',
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/engine/**/*.test.ts'],
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/workspace/tsconfig.json' }], ...MESSAGE_PARSER.transform },
			transformIgnorePatterns: MESSAGE_PARSER.transformIgnorePatterns,
			// Checks (and if needed completes) the Deno/engine preparation once per run.
			globalSetup: '<rootDir>/test/engine/global-setup.js',
			// Each test file starts one Deno child (~75 MiB); requests to it time out after 30 s in the engine.
			setupFilesAfterEnv: ['<rootDir>/test/engine/jest-timeout.ts'],
		},
		{
			// Tests that try hard to break the app (issue #8): fuzzing, injection, permissions, load, soak, faults.
			// Quick versions here; `npm run reliability` (RELIABILITY=long) runs the long ones and prints the figures.
			displayName: 'reliability',
			preset: 'ts-jest',
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/workspace/tsconfig.json' }], ...MESSAGE_PARSER.transform },
			transformIgnorePatterns: MESSAGE_PARSER.transformIgnorePatterns,
			globalSetup: '<rootDir>/test/engine/global-setup.js',
			setupFilesAfterEnv: ['<rootDir>/test/reliability/jest-timeout.ts'],
		},
	],
};
