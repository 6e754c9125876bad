// The long versions (RELIABILITY=long) run for minutes; the quick ones stay within the engine's 30 s.
jest.setTimeout(process.env.RELIABILITY === 'long' ? 900_000 : 60_000);
