// Runs workspace/setup.mjs (a no-op in ~70 ms when `npm ci` already prepared the engine workspace).
module.exports = async () => {
	const { setup } = await import('../../workspace/setup.mjs');
	setup();
};
