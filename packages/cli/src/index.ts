/**
 * @secfetch/cli — the `secfetch` command. The package's entry exports what the bin runs, for
 * embedding the CLI in another tool or testing it in process.
 */
export { main, type CliIo } from "./main.js";
export { EXIT, type ExitCode } from "./exit-codes.js";
export { VENDOR_TABLES } from "./generated/tables.js";
export type { BodyTable, OperationTable, OptionTable, ParameterTable, VendorTable } from "./tables/types.js";
