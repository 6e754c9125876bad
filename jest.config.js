/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }];

module.exports = {
    projects: [
        {
            displayName: 'unit',
            testEnvironment: 'node',
            testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
            transform: {
                '^.+\\.ts$': tsJest,
                // The bundled list is embedded as text in the app; tests read it the same way.
                '^.+\\.yaml$': '<rootDir>/test/support/text-transform.js',
            },
            moduleFileExtensions: ['ts', 'js', 'json', 'yaml'],
        },
    ],
};
