// ESLint (flat config) over the app, the workspace, the bench and the tests. typescript-eslint's recommended rules
// with type information, for the mistakes that bite a Rocket.Chat app at run time: a promise nobody awaits (its
// error vanishes), a promise where a value is expected. Formatting is Prettier's business (.prettierrc.json).
// Rocket.Chat's own @rocket.chat/eslint-config was weighed and not taken: it brings React, JSX, Storybook and Babel
// plugins this project has no use for (about 20 packages), and its TypeScript part is typescript-eslint's.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		ignores: [
			'dist/',
			'coverage/',
			'.workspace-cache/',
			'node_modules/',
			'workspace/engine/',
			'workspace/engines/',
			'docs/',
			'**/*.js',
			'**/*.mjs',
			'**/*.cjs',
		],
	},
	eslint.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: { parserOptions: { project: ['./tsconfig.lint.json'], tsconfigRootDir: import.meta.dirname } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'eqeqeq': ['error', 'always', { null: 'ignore' }],
			'no-console': 'error',
			// Stripping and escaping control characters in outsiders' text is deliberate (src/kernel/text.ts).
			'no-control-regex': 'off',
		},
	},
	{
		// The workspace stands in for a server and drives the engine through untyped internals.
		files: ['workspace/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
	},
	{
		// Pure code (the kernel, and each feature's files outside its engine/ folder) never talks to the engine: only the
		// app shell (src/app), the platform (src/platform) and a feature's engine/ folder do. Engine *types* (a modal's
		// view shape) are fine; accessors and the engine-facing modules are not.
		files: ['src/kernel/**/*.ts', 'src/features/*/*.ts', 'src/features/*/page/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['@rocket.chat/apps-engine/definition/accessors*'],
							allowTypeImports: true,
							message: 'Pure code takes values, not accessors: move the engine call to an engine/ folder.',
						},
						{
							group: ['**/engine/*', '**/platform/*', '**/app/*', '!**/apps-engine/**'],
							message: "Pure code may not depend on engine-facing modules (src/app, src/platform, a feature's engine/).",
						},
					],
				},
			],
		},
	},
	prettier,
);
