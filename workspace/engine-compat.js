// Which files of the newest engine, imported by the workspace, an older engine lacks: jest.config.js and
// scripts/lib/build-cli.js redirect those imports to a stand-in. CommonJS, so both can require it synchronously.
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const ENGINES = require('./engines.json').engines;
const BRIDGES = path.join('node_modules', '@rocket.chat', 'apps-engine', 'server', 'bridges');
const STAND_IN = path.join(__dirname, 'compat', 'missing-bridge.js');

/** Absolute folder of the engine named `version` (default: the newest). */
function engineDir(version) {
	const engine = version ? ENGINES.find((e) => e.version === version) : ENGINES[0];
	if (!engine) throw new Error(`unknown engine ${version}; known: ${ENGINES.map((e) => e.version).join(', ')}`);
	return path.join(__dirname, engine.dir);
}

/** Bridge modules (names without .js) the newest engine has and `version` doesn't; [] if either isn't installed. */
function missingBridges(version) {
	const newest = path.join(engineDir(), BRIDGES);
	const older = path.join(engineDir(version), BRIDGES);
	if (!existsSync(newest) || !existsSync(older)) return [];
	return readdirSync(newest)
		.filter((f) => f.endsWith('.js') && !existsSync(path.join(older, f)))
		.map((f) => f.slice(0, -3));
}

module.exports = { ENGINES, engineDir, missingBridges, STAND_IN };
