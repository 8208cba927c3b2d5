// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/**
 * House rules (docs/adr/0001): no floating promises, no `any` in product code,
 * exhaustive switches, ===, no import cycles, and imports that point one way —
 * apps → domain libs → platform — through each lib's index (`@bro/<lib>`), never
 * by relative path into another lib.
 */
const LIBS = [
  'case-kernel',
  'platform',
  'auth',
  'audit',
  'consent',
  'notification',
  'matching',
  'directory',
  'referral',
  'casework',
  'follow-up',
  'appointment',
  'fhir',
  'report',
  'community',
  'medcom',
];
// Which libs each lib may import (lower layers only). The case kernel (ADR 0020) is
// at the very bottom: it imports nothing, and every lib may import it (added below).
const ALLOWED = {
  'case-kernel': [],
  platform: [],
  auth: ['platform'],
  audit: ['platform', 'auth'],
  consent: ['platform', 'auth'],
  // The referrer channel decides what to send through the disclosure policy (ADR 0015, 0022).
  notification: ['platform', 'auth', 'consent'],
  matching: ['platform', 'auth'],
  directory: ['platform', 'auth', 'matching'],
  referral: ['platform', 'auth', 'audit', 'consent', 'notification', 'matching'],
  casework: ['platform', 'auth', 'audit', 'consent', 'notification', 'matching', 'directory', 'referral'],
  'follow-up': ['platform', 'auth', 'audit', 'consent', 'notification', 'matching', 'directory', 'referral', 'casework'],
  // Appointments sit beside follow-ups: above the case and its casework (ADR 0027).
  appointment: ['platform', 'auth', 'audit', 'consent', 'notification', 'matching', 'directory', 'referral', 'casework'],
  // The FHIR face sits above the services it translates (ADR 0009).
  fhir: ['platform', 'auth', 'audit', 'consent', 'notification', 'matching', 'directory', 'referral', 'casework'],
  // Reporting reads across the libs below it (ADR 0018), through one repository.
  report: ['platform', 'auth', 'consent', 'matching', 'referral', 'casework', 'follow-up'],
  // The community side (ADR 0026): hand-offs to hosts and følgevenner, offer checks.
  community: ['platform', 'auth', 'audit', 'consent', 'notification', 'matching', 'directory', 'referral', 'casework', 'follow-up'],
  // MedCom (ADR 0028): the GP's own system's messages, beside the case; a channel of the referrer feedback.
  medcom: ['platform', 'auth', 'audit', 'consent', 'notification', 'matching', 'referral'],
};
for (const lib of LIBS) if (lib !== 'case-kernel') ALLOWED[lib].push('case-kernel');

/** Only the policy makes a disclosure decision (ADR 0015): no reader may cast one into being. */
const NO_DISCLOSURE_CAST = ['TSAsExpression', 'TSTypeAssertion', 'TSSatisfiesExpression'].map((node) => ({
  selector: `${node} > TSTypeReference > Identifier[name=/^(Disclosure|FullDisclosure|ReferrerDisclosure|NoDisclosure|DisclosedCase)$/]`,
  message: 'A disclosure decision comes only from decideDisclosure (@bro/consent), never from a cast',
}));

/** Now comes from the injected Clock (@bro/platform), never from the wall (ADR 0022). */
const NO_WALL_CLOCK = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Use the injected Clock (clock.now()), not new Date(): tests move time through it (ADR 0022)',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Use the injected Clock (clock.now()), not Date.now(): tests move time through it (ADR 0022)',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/web/src/api/schema.d.ts', '.tools/**', 'test-results/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      'import-x/no-cycle': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/libs/*/src/**', '@bro/*/src/**'], message: 'Import a lib through its index: @bro/<lib>' }] },
      ],
    },
  },
  ...LIBS.map((lib) => ({
    files: [`libs/${lib}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/libs/*/src/**', '@bro/*/src/**'], message: 'Import a lib through its index: @bro/<lib>' },
            ...LIBS.filter((other) => other !== lib && !ALLOWED[lib].includes(other)).map((other) => ({
              group: [`@bro/${other}`],
              message: `libs/${lib} may not depend on @bro/${other}: imports point apps → domain libs → platform`,
            })),
          ],
        },
      ],
    },
  })),
  {
    // Only the policy makes a disclosure decision (ADR 0015): no reader may cast one into being.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    ignores: ['libs/consent/src/**', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_DISCLOSURE_CAST] },
  },
  {
    // Domain code tells time by the injected Clock (ADR 0022), so tests can move it. The
    // platform is exempt: the Clock itself, and operations measuring wall-clock ages of
    // caches and of BullMQ's jobs (stamped by Redis' clock, not the application's).
    files: ['libs/*/src/**/*.ts'],
    ignores: ['libs/platform/src/**', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_DISCLOSURE_CAST, ...NO_WALL_CLOCK] },
  },
  {
    files: ['libs/consent/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_WALL_CLOCK] },
  },
  {
    // Tests may poke at loosely typed HTTP bodies and reach into lib internals.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts', 'bench/**/*.ts', 'bench/**/*.mts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': 'off',
    },
  },
);
