// Lint for every package and tool: typescript-eslint with type information, for what the compiler
// does not catch — promises nobody awaits or handles, `any` leaking into typed code, unused code,
// objects stringified as "[object Object]" in messages.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeGlobals = Object.fromEntries(
  ["process", "console", "Buffer", "URL", "URLSearchParams", "setTimeout", "clearTimeout", "fetch", "Response", "Request", "Headers", "AbortController", "TextEncoder", "TextDecoder"].map((name) => [name, "readonly"]),
);

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/.blocks/**",
      "tools/runtime-matrix/runtimes/**",
      "**/*.d.ts",
      // openapi-typescript's output and the emulators' bundled spec documents: data, not code we write.
      "packages/*/src/generated/schema.ts",
      "packages/emulators/src/*/generated/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // `{}` as a constraint means "any object type", as openapi-fetch's own types use it.
      "@typescript-eslint/no-empty-object-type": "off",
      // An async function without `await` is how a synchronous throw becomes a rejection: on purpose.
      "@typescript-eslint/require-await": "off",
      // Our methods are closures (and openapi-fetch's are arrow functions): passing them unbound is safe.
      "@typescript-eslint/unbound-method": "off",
      // An abort rejects with the signal's reason, whatever the caller made it.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true, allowThrowingAny: true }],
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allow: [{ from: "lib", name: "URLSearchParams" }, { from: "lib", name: "URL" }] }],
    },
  },
  {
    // Tests read answers off the wire as `any` and poke at them on purpose; the rest holds.
    files: ["**/test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-base-to-string": "off",
      "@typescript-eslint/restrict-template-expressions": "off",
      "@typescript-eslint/only-throw-error": "off",
    },
  },
  {
    // Plain JavaScript and the test runners' configuration belong to no tsconfig: linted without type information.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs", "**/vitest.config.ts"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: nodeGlobals },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, sourceType: "commonjs", globals: { ...nodeGlobals, require: "readonly", module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
