import { HttpError } from "../shared/http-helpers.js";

/** One `attribute eq "value"` clause; `attribute` lower-cased. */
export interface FilterClause {
  readonly attribute: string;
  readonly value: string;
}

/**
 * Parses the subset of SCIM filters identity providers send: `<attribute> eq "<value>"` clauses
 * joined by `and`, with `attribute` one of `allowed` (lower-case; names match case-insensitively,
 * RFC 7644 §3.4.2.2). Anything else (`or`, `not`, `co`, `sw`, `pr`, brackets, other attributes)
 * → 400 `invalidFilter`.
 */
export function parseFilter(raw: string, allowed: readonly string[]): FilterClause[] {
  const clauses: FilterClause[] = [];
  const clause = /^\s*([A-Za-z][A-Za-z0-9.]*)\s+(\S+)\s+"((?:[^"\\]|\\.)*)"\s*/;
  let rest = raw;
  for (;;) {
    const match = clause.exec(rest);
    if (!match) throw invalid(raw, "expected <attribute> eq \"<value>\"");
    const [whole, attribute, operator, quoted] = match as unknown as [string, string, string, string];
    if (operator.toLowerCase() !== "eq") throw invalid(raw, `operator "${operator.slice(0, 10)}" is not supported, only eq`);
    if (!allowed.includes(attribute.toLowerCase())) throw invalid(raw, `filtering on "${attribute.slice(0, 40)}" is not supported`);
    let value: string;
    try {
      value = JSON.parse(`"${quoted}"`) as string;
    } catch {
      throw invalid(raw, "malformed string value");
    }
    clauses.push({ attribute: attribute.toLowerCase(), value });
    rest = rest.slice(whole.length);
    if (rest === "") return clauses;
    const and = /^and\s+/i.exec(rest);
    if (!and) throw invalid(raw, "only clauses joined by and are supported");
    rest = rest.slice(and[0].length);
  }
}

function invalid(raw: string, why: string): HttpError {
  return new HttpError(400, "invalidFilter", `Unsupported filter ${JSON.stringify(raw.slice(0, 100))}: ${why}`);
}
