import { UsageError } from "../exit-codes.js";
import { kebab } from "../credentials/names.js";
import { allOptions } from "../credentials/resolve-options.js";
import type { VendorTable } from "../tables/types.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;

const COMMON_FLAGS = ["--query", "--param", "--header", "--body", "--paginate", "--checkpoint", "--jq", "--fields", "--format", "--quiet", "--verbose", "--profile", "--allow-secret-args", "--timeout", "--max-retries", "--help"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * A completion script for `shell`, from the command tables (and so from the specs): vendors, then
 * methods and `operations`/`describe`, then each vendor's paths for the method typed, then flags.
 * Install: `secfetch completion bash > /etc/bash_completion.d/secfetch`, or
 * `source <(secfetch completion zsh)`, or `secfetch completion fish > ~/.config/fish/completions/secfetch.fish`.
 */
export function renderCompletion(shell: string, vendors: readonly VendorTable[]): string {
  if (shell === "bash") return bash(vendors);
  if (shell === "zsh") return `#compdef secfetch\nautoload -U +X bashcompinit && bashcompinit\n${bash(vendors)}`;
  if (shell === "fish") return fish(vendors);
  throw new UsageError(`completion takes ${SHELLS.join(", ")}, not "${shell}".`);
}

const pathsOf = (vendor: VendorTable, method: string) => [...new Set(vendor.operations.filter((op) => op.method === method).map((op) => op.path))];
const flagsOf = (vendor: VendorTable) => [...COMMON_FLAGS, ...allOptions(vendor).map((option) => `--${kebab(option.name)}`)];
const words = (list: readonly string[]) => list.join(" ");

function bash(vendors: readonly VendorTable[]): string {
  const pathCases: string[] = [];
  for (const vendor of vendors) {
    for (const method of METHODS) {
      const paths = pathsOf(vendor, method);
      if (paths.length) pathCases.push(`    "${vendor.name} ${method}") paths='${words(paths)}' ;;`);
    }
  }
  const flagCases = vendors.map((vendor) => `    ${vendor.name}) flags='${words(flagsOf(vendor))}' ;;`);
  return `# secfetch completion for bash (generated from the specs by \`secfetch completion bash\`)
_secfetch() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" vendor="\${COMP_WORDS[1]}" action="\${COMP_WORDS[2]}" method paths="" flags=""
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W '${words(vendors.map((vendor) => vendor.name))} emulate completion --help' -- "$cur")); return
  fi
  case "$vendor" in
    emulate) [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W '${words(vendors.map((vendor) => vendor.name))}' -- "$cur")); return ;;
    completion) [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W '${words(SHELLS)}' -- "$cur")); return ;;
  esac
  case "$vendor" in
${flagCases.join("\n")}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$flags" -- "$cur")); return; fi
  if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W '${words(METHODS)} operations describe' -- "$cur")); return; fi
  method="$action"
  if [[ "$action" == describe ]]; then
    if [[ $COMP_CWORD -eq 3 ]]; then COMPREPLY=($(compgen -W '${words(METHODS)}' -- "$cur")); return; fi
    method="\${COMP_WORDS[3]}"
    [[ $COMP_CWORD -eq 4 ]] || return
  elif [[ $COMP_CWORD -ne 3 ]]; then return
  fi
  case "$vendor \${method^^}" in
${pathCases.join("\n")}
  esac
  local IFS=$'\\n'
  COMPREPLY=($(compgen -W "\${paths// /$'\\n'}" -- "$cur"))
}
complete -F _secfetch secfetch
`;
}

function fish(vendors: readonly VendorTable[]): string {
  const lines = [
    "# secfetch completion for fish (generated from the specs by `secfetch completion fish`)",
    "complete -c secfetch -f",
    `complete -c secfetch -n __fish_use_subcommand -a '${words(vendors.map((vendor) => vendor.name))} emulate completion'`,
    `complete -c secfetch -n '__fish_seen_subcommand_from emulate' -a '${words(vendors.map((vendor) => vendor.name))}'`,
    `complete -c secfetch -n '__fish_seen_subcommand_from completion' -a '${words(SHELLS)}'`,
  ];
  for (const vendor of vendors) {
    const at = `__fish_seen_subcommand_from ${vendor.name}`;
    lines.push(`complete -c secfetch -n '${at}; and test (count (commandline -opc)) -eq 2' -a '${words(METHODS)} operations describe'`);
    for (const method of METHODS) {
      const paths = pathsOf(vendor, method);
      if (paths.length) lines.push(`complete -c secfetch -n '${at}; and __fish_seen_subcommand_from ${method}' -a '${words(paths)}'`);
    }
    for (const flag of flagsOf(vendor)) lines.push(`complete -c secfetch -n '${at}' -l ${flag.slice(2)}`);
  }
  return `${lines.join("\n")}\n`;
}
