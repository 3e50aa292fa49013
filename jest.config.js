/** @type {import('jest').Config} */
// Unit tests (pure modules, node methods, sandbox) and end-to-end tests on a real n8n.
// The e2e project installs the pinned n8n on first use (scripts/lib/runtime.ts, as `npm start` does).
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }];
module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/sandbox/**/*.test.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
			globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
			slowTestThreshold: 120,
		},
	],
};
