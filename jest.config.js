/** Projects: fast unit tests of the app's own code; the engine suite and the reliability suite, which run the app
 *  in the real Apps-Engine (Deno) through workspace/ — in the newest engine of workspace/engines.json, or in the one
 *  SUBPROCESSORS_ENGINE names (`npm run test:engines` runs them in each); and a smoke suite in each older engine.
 *  `npm run test:unit` / `npm run test:engine` select one. */
const { ENGINES, missingBridges, STAND_IN } = require('./workspace/engine-compat');
const NEWEST = ENGINES[0];

function engineNamed(version) {
	const engine = ENGINES.find((e) => e.version === version);
	if (!engine) throw new Error(`unknown engine ${version} (SUBPROCESSORS_ENGINE); known: ${ENGINES.map((e) => e.version).join(', ')}`);
	return engine;
}

const selected = engineNamed(process.env.SUBPROCESSORS_ENGINE || NEWEST.version);

/** Runs the workspace's runtime imports (`…/workspace/engine/node_modules/…`) against `engine`'s folder, and tells
 *  workspace/src/deno.ts (through test/engine/select-engine.js) which engine that is. */
function inEngine(project, engine, displayName) {
	if (engine === NEWEST) return { ...project, displayName };
	return {
		...project,
		displayName,
		moduleNameMapper: {
			// First match wins: bridges this engine lacks get a stand-in, everything else its own file.
			...Object.fromEntries(
				missingBridges(engine.version).map((name) => [
					`^(.*[\\\\/])?engine[\\\\/]node_modules[\\\\/]@rocket\\.chat[\\\\/]apps-engine[\\\\/]server[\\\\/]bridges[\\\\/]${name}(\\.js)?$`,
					STAND_IN,
				]),
			),
			'^(.*[\\\\/])?engine[\\\\/]node_modules[\\\\/](.*)$': `<rootDir>/workspace/${engine.dir}/node_modules/$2`,
		},
		globals: { SUBPROCESSORS_ENGINE: engine.version },
		setupFiles: ['<rootDir>/test/engine/select-engine.js'],
	};
}

// Deno's caches hold npm packages (package.json and all) once per engine: keep them out of jest's module map.
const modulePathIgnorePatterns = ['[\\\\/]\\.deno-cache[\\\\/]'];

/** Rocket.Chat's message parser (issue 13's tests read the app's markdown with it) is an ES module only. */
const MESSAGE_PARSER = {
	transform: { 'message-parser/dist/.+\\.js$': '<rootDir>/test/support/esm-transform.js' },
	transformIgnorePatterns: ['/node_modules/(?!@rocket\\.chat/message-parser/)'],
};

const engineProject = {
	preset: 'ts-jest',
	modulePathIgnorePatterns,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/workspace/tsconfig.json' }], ...MESSAGE_PARSER.transform },
	transformIgnorePatterns: MESSAGE_PARSER.transformIgnorePatterns,
	// Checks (and if needed completes) the Deno/engine preparation once per run, and packages the app.
	globalSetup: '<rootDir>/test/engine/global-setup.js',
};

module.exports = {
	projects: [
		{
			displayName: 'unit',
			preset: 'ts-jest',
			modulePathIgnorePatterns,
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
		inEngine(
			{
				...engineProject,
				testMatch: ['<rootDir>/test/engine/**/*.test.ts'],
				// Each test file starts one Deno child (~75 MiB); requests to it time out after 30 s in the engine.
				setupFilesAfterEnv: ['<rootDir>/test/engine/jest-timeout.ts'],
			},
			selected,
			selected === NEWEST ? 'engine' : `engine@${selected.version}`,
		),
		// Tests that try hard to break the app (issue #8): fuzzing, injection, permissions, load, soak, faults.
		// Quick versions here; `npm run reliability` (RELIABILITY=long) runs the long ones and prints the figures.
		inEngine(
			{
				...engineProject,
				testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
				setupFilesAfterEnv: ['<rootDir>/test/reliability/jest-timeout.ts'],
			},
			selected,
			selected === NEWEST ? 'reliability' : `reliability@${selected.version}`,
		),
		// Install, every subcommand, one announcement, one objection, in each engine but the one the full suite ran in.
		...ENGINES.filter((e) => e !== selected).map((engine) =>
			inEngine(
				{
					...engineProject,
					testMatch: ['<rootDir>/test/engines/**/*.test.ts'],
					setupFilesAfterEnv: ['<rootDir>/test/engine/jest-timeout.ts'],
				},
				engine,
				`smoke@${engine.version}`,
			),
		),
	],
};
