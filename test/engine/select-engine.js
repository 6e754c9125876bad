// Tells workspace/src/deno.ts which engine this jest project's moduleNameMapper loads (jest.config.js inEngine).
// Each test file has its own copy of process.env, so this stays within the project's files.
if (globalThis.SUBPROCESSORS_ENGINE) process.env.SUBPROCESSORS_ENGINE = globalThis.SUBPROCESSORS_ENGINE;
