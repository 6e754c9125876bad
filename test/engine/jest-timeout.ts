// A project-level testTimeout isn't supported by jest 29; the engine answers within its own 30 s request timeout.
jest.setTimeout(30_000);
