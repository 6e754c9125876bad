// Jest transform: a text asset (the bundled YAML list) becomes a module exporting its text, as esbuild's text loader does.
module.exports = {
	process(source) {
		return { code: `module.exports = { __esModule: true, default: ${JSON.stringify(source)} };` };
	},
};
