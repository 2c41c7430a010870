import path from "node:path";
import ts from "typescript";

/**
 * The public surface of the package's entry points as Markdown: every exported name with its
 * kind and declaration (comments dropped), sorted, so a change to the surface is a diff in review.
 */
export function apiReport(packageRoot: string, entries: Record<string, string>): string {
  const files = Object.values(entries).map((file) => path.join(packageRoot, file));
  const config = ts.readConfigFile(path.join(packageRoot, "tsconfig.json"), (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, packageRoot);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

  const sections: string[] = [];
  const seen = new Set<string>();
  for (const [name, file] of Object.entries(entries)) {
    const source = program.getSourceFile(path.join(packageRoot, file));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`api report: cannot read ${file}`);
    const exported = checker.getExportsOfModule(moduleSymbol).filter((symbol) => !seen.has(symbol.name));
    const lines = exported
      .map((symbol) => [symbol.name, describe(symbol)] as const)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([exportName, text]) => `### \`${exportName}\`\n\n\`\`\`ts\n${text}\n\`\`\``);
    const heading = seen.size === 0 ? `## \`${name}\`` : `## \`${name}\` (besides the above)`;
    for (const symbol of exported) seen.add(symbol.name);
    sections.push(`${heading}\n\n${exported.length} names.\n\n${lines.join("\n\n")}`);
  }
  return `# API report\n\n<!-- Written by packages/auth/test/api-report.test.ts; accept a change with \`npx vitest run test/api-report.test.ts -u\` in packages/auth. -->\n\n${sections.join("\n\n")}\n`;

  function describe(symbol: ts.Symbol): string {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const texts: string[] = [];
    for (const declaration of target.declarations ?? []) {
      if (ts.isFunctionDeclaration(declaration)) {
        // An overloaded function shows its overloads, not the implementation's own signature.
        const overloaded = (target.declarations?.length ?? 0) > 1;
        const signature = checker.getSignatureFromDeclaration(declaration);
        if (signature && !(overloaded && declaration.body)) texts.push(`function ${symbol.name}${checker.signatureToString(signature, undefined, ts.TypeFormatFlags.NoTruncation)}`);
      } else if (ts.isVariableDeclaration(declaration)) {
        texts.push(`const ${symbol.name}: ${checker.typeToString(checker.getTypeOfSymbol(target), undefined, ts.TypeFormatFlags.NoTruncation)}`);
      } else if (ts.isClassDeclaration(declaration)) {
        texts.push(classText(declaration));
      } else if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
        texts.push(printer.printNode(ts.EmitHint.Unspecified, declaration, declaration.getSourceFile()));
      }
    }
    return texts.join("\n");
  }

  function classText(declaration: ts.ClassDeclaration): string {
    const heritage = declaration.heritageClauses?.map((clause) => ` ${clause.getText()}`).join("") ?? "";
    const members = declaration.members
      .filter((member) => !(ts.getCombinedModifierFlags(member as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !ts.isClassStaticBlockDeclaration(member))
      .filter((member) => !member.name || !ts.isPrivateIdentifier(member.name))
      .map((member) => {
        if (ts.isConstructorDeclaration(member)) return `  constructor(${member.parameters.map((parameter) => parameter.getText()).join(", ")});`;
        const memberName = member.name?.getText() ?? "";
        const symbol = member.name ? checker.getSymbolAtLocation(member.name) : undefined;
        const type = symbol ? checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, member), undefined, ts.TypeFormatFlags.NoTruncation) : "unknown";
        const isStatic = ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static ? "static " : "";
        return `  ${isStatic}${memberName}: ${type};`;
      });
    return `class ${declaration.name?.getText() ?? ""}${heritage} {\n${members.join("\n")}\n}`;
  }
}
