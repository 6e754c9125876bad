// Deflates for the zip (build-app.js) with zopfli, in a process of its own: @gfx/zopfli's Emscripten runtime adds
// process-wide 'uncaughtException' and 'unhandledRejection' handlers when it loads, which a test runner or a bench
// must not get. Reads a JSON array of base64 files on stdin, writes the raw deflate streams the same way.
const { deflateAsync } = require('@gfx/zopfli');

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
	const files = JSON.parse(Buffer.concat(chunks).toString('utf8')).map((text) => Buffer.from(text, 'base64'));
	const out = [];
	// One iteration: 10 KB smaller than zlib's level 9 for the app's bundle in ~4 s; 15 (zopfli's default) take
	// twice as long for 0.3 % more.
	for (const file of files) out.push(Buffer.from(await deflateAsync(file, { numiterations: 1 })).toString('base64'));
	process.stdout.write(JSON.stringify(out));
});
