import type { VendorIR } from "../ir/vendor-ir.js";
import type { LoadedSpec } from "../load/read-spec.js";
import { emitClient } from "./emit-client.js";
import { emitConfigs } from "./emit-configs.js";
import { emitIndex } from "./emit-index.js";
import { emitPackageJson, type ExistingPackage, type ProjectInfo } from "./emit-package-json.js";
import { emitReadme } from "./emit-readme.js";
import { emitSchema } from "./emit-schema.js";

export const MANIFEST = "generated-files.json";

export interface PackageContext {
  existing: ExistingPackage | undefined;
  hasExtras: boolean;
  /** The vendor has `src/extras/client.ts`: its own factory wraps the engine; the generated code never imports it. */
  extendsClient: boolean;
  /** `@secfetch/emulators` has this vendor's emulator: the README shows the example run on it. */
  hasEmulator: boolean;
  /** The vendor's hand-written `src/extras/README.md`, placed in the generated README. */
  extrasReadme: string | undefined;
  internalVersions: Record<string, string>;
  project: ProjectInfo;
  generatorVersion: string;
}

/** Every generated file of one vendor package, by path relative to the package folder. */
export async function emitPackage(ir: VendorIR, spec: LoadedSpec, context: PackageContext): Promise<Map<string, string>> {
  const files = new Map<string, string>([
    ["src/generated/schema.ts", await emitSchema(ir, spec)],
    ["src/generated/client.ts", emitClient(ir, context.extendsClient)],
    ["src/index.ts", emitIndex(ir, context.hasExtras, context.extendsClient)],
    ["package.json", emitPackageJson(ir, context.existing, context.internalVersions, context.project)],
    ["README.md", emitReadme(ir, context.extrasReadme, context.project, context.hasEmulator)],
    ["LICENSE", context.project.licenseText],
    ...Object.entries(emitConfigs()),
  ]);
  const manifest = {
    generator: `@secfetch/generator@${context.generatorVersion}`,
    spec: ir.specFile,
    specSha256: ir.specHash,
    files: [...files.keys(), MANIFEST].sort(),
  };
  files.set(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}
