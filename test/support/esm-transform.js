// @rocket.chat/message-parser ships an ES module only; jest (CommonJS) needs it converted (esbuild, already a dev dependency).
const { transformSync } = require('esbuild');

module.exports = {
	process(source, filename) {
		return { code: transformSync(source, { format: 'cjs', loader: 'js', sourcefile: filename, target: 'node20' }).code };
	},
};
