// ESLint: typescript-eslint's recommended rules, and Pulumi's own (an Output in a template
// literal prints "Calling [toString] on an Output<T> is not supported", not its value).
// Type-aware, so it reads tsconfig.json through TypeScript's project service.
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["**/node_modules/**", "dist/**"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        plugins: { pulumi },
        rules: {
            "pulumi/no-output-in-template-literal": "error",
            "pulumi/no-output-instance-in-template-literal": "error",
            // Unused names are the compiler's to report (noUnusedLocals, noUnusedParameters).
            "@typescript-eslint/no-unused-vars": "off",
        },
    },
    {
        // Tests take parsed JSON apart and break it on purpose: `any` is the honest type there.
        files: ["tests/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
    {
        // CommonJS by necessity: the TypeScript loader Node requires before anything else.
        files: ["**/*.cjs"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
        languageOptions: { globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly" } },
    },
);
