// Once per test run: prepare the engine workspace — every engine of workspace/engines.json (a no-op in ~70 ms
// when `npm ci` already did) — and package the app, so every engine test runs the very zip a workspace admin
// would upload.
module.exports = async () => {
	const { setup } = await import('../../workspace/setup.mjs');
	await setup();
	const { packageApp } = await import('../../scripts/package.mjs');
	const { zipPath } = await packageApp({ typecheck: false });
	process.env.SUBPROCESSORS_APP_ZIP = zipPath;
};
