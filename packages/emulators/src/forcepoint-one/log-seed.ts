import type { SeededRandom } from "../shared/seeded-random.js";
import type { ForcepointOneLogType } from "./types.js";

/**
 * The fields each log type carries, in the order of `specs/forcepoint-one/openapi.yaml`
 * (alphabetical, as the service's JSON keys). Every record has every field of its type; values
 * that do not apply are `""`, as on the real service.
 */
export const LOG_FIELDS: Readonly<Record<ForcepointOneLogType, readonly string[]>> = {
  access: [
    "action", "activity", "application", "details", "device", "deviceguid", "dlppattern", "email", "emailbcc",
    "emailcc", "emailfrom", "emailsenttime", "emailsubject", "emailto", "filename", "instancename", "ipaddress",
    "location", "orgid", "pagetitle", "policyid", "request", "syslogheader", "time", "transactionid", "url", "user",
    "useragent", "usergroup",
  ],
  cloudaudit: cloudFields(),
  cloudsummary: cloudFields(),
  admin: ["activity", "details", "email", "ipaddress", "syslogheader", "time"],
  swgweb: [
    "action", "bgcategories", "bgcloudscore", "country", "countrycode", "customcategories", "destinationip", "deviceguid",
    "devicehostname", "email", "protocol", "referrer", "requestdomain", "requestmethod", "responsecode", "syslogheader",
    "threatindicator", "time", "transactionid", "uploadedbytes", "url", "useragent", "webcategories",
    "webcategoryclass", "webreputation",
  ],
  swgwebdlp: [
    "action", "country", "countrycode", "destinationip", "deviceguid", "devicehostname", "dlppattern", "email",
    "filename", "policyid", "requestdomain", "requestmethod", "syslogheader", "time", "transactionid", "uploadedbytes",
    "url", "useragent", "webcategories",
  ],
  healthproxy: healthFields(),
  healthapi: healthFields(),
  healthsystem: healthFields(),
  ztna: ["action", "application", "destinationip", "email", "ipaddress", "protocol", "syslogheader", "time"],
};

function cloudFields(): string[] {
  return [
    "action", "application", "docextension", "docmd5", "docsha256", "doctype", "fileid", "filelink", "filename",
    "folder", "owner", "patterns", "sharedwith", "size", "status", "syslogheader", "time",
  ];
}

function healthFields(): string[] {
  return ["application", "details", "email", "errorcode", "status", "syslogheader", "time"];
}

const PEOPLE = [
  ["Ana Souza", "ana.souza"], ["Ben Okafor", "ben.okafor"], ["Chloé Martin", "chloe.martin"], ["Dev Patel", "dev.patel"],
  ["Eve Nakamura", "eve.nakamura"], ["Finn O'Brien", "finn.obrien"], ["Grace Lee", "grace.lee"], ["Hugo Weber", "hugo.weber"],
] as const;
const APPS = ["OneDrive", "Box", "Google Drive", "Salesforce", "Office 365", "Slack"];
const LOCATIONS = ["Herndon||Virginia||VA||US", "Zürich||Zürich||ZH||CH", "São Paulo||São Paulo||SP||BR", "London||England||ENG||GB"];
const COUNTRIES = [["United States", "US"], ["Switzerland", "CH"], ["Brazil", "BR"], ["Côte d'Ivoire", "CI"]] as const;
const DEVICES = ["Mac OS X 10.15.7", "Windows 11", "iPhone 12 Pro Max", "Android 14"];
const GROUPS = ["Sales", "Engineering, Platform", "Risky Users", "Finance"];
const AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
const DOMAINS = ["news.example.net", "files.example.org", "cdn.example.com", "login.example.org"];
const PATTERNS = ["PCI-DSS (Credit Card, Visa)", "Malware-Bitdefender [eicar (2).com ()]", "HIPAA, PHI", "Source Code"];

/**
 * Values with commas, double quotes, line breaks, `''` and non-ASCII letters, so a CSV reader
 * that splits on commas or lines breaks on them. `detailsFor` puts one in about every third record.
 */
const TRICKY_DETAILS = [
  'Upload blocked: "Q4 plan, final.xlsx" matched PCI',
  'Policy "Block uploads"\nmatched 3 patterns',
  "Shared link to 'Ben''s demo' revoked, owner notified",
  "Größe überschritten; Datei \"Bericht.pdf\"\r\nwurde blockiert",
];

/** Builds one record of `type` at `time` (epoch ms); `index` steers where tricky values go. */
export function makeRecord(type: ForcepointOneLogType, random: SeededRandom, time: number, index: number): Record<string, string> {
  const [user, local] = random.pick(PEOPLE);
  const email = `${local}@example.com`;
  const ip = `${random.pick(["192.0.2", "198.51.100", "203.0.113"])}.${random.int(1, 254)}`;
  const when = formatLogTime(time);
  const iso = new Date(time).toISOString().slice(0, 19);
  const domain = random.pick(DOMAINS);
  const details = index % 3 === 0 ? TRICKY_DETAILS[(index / 3) % TRICKY_DETAILS.length]! : "";
  const [country, countrycode] = random.pick(COUNTRIES);
  const values: Record<string, string> = {
    action: random.pick(["Alert, Denied, Notify, Threat", "Allowed", "Alert", "Denied"]),
    activity: random.pick(["Cloudstorage, Uploaded", "Activesync, Email, Receive, Sync", "Login", "Download"]),
    application: random.pick(APPS),
    details,
    device: random.pick(DEVICES),
    deviceguid: random.chance(0.5) ? random.hex(32) : "",
    dlppattern: random.chance(0.4) ? random.pick(PATTERNS) : "",
    email,
    emailsubject: index % 7 === 0 ? 'Re: "Budget, final" – see notes' : "",
    filename: random.pick(["eicar (2).com", "Q4 plan, final.xlsx", "notes.txt", "Bericht \"2024\".pdf"]),
    ipaddress: ip,
    location: random.pick(LOCATIONS),
    policyid: String(random.int(100000, 999999)),
    syslogheader: `<${random.pick(["110", "114"])}>1 ${iso}.000000Z api.bitglass.com NILVALUE NILVALUE ${type}`,
    time: when,
    transactionid: `${random.hex(27)} [${iso.replace("T", " ")}]`,
    url: `${domain}/share?@a1='/personal/${local}/Documents/Ben''s demo'&@a2='eicar (2).com'`,
    user,
    useragent: AGENT,
    usergroup: random.pick(GROUPS),
    owner: email,
    patterns: random.chance(0.5) ? random.pick(PATTERNS) : "",
    fileid: random.hex(24),
    filelink: `https://files.example.org/f/${random.hex(12)}`,
    folder: random.pick(["/Shared/Finance", "/Personal", "/Projects/Q4, 2024"]),
    docextension: random.pick(["xlsx", "pdf", "txt"]),
    doctype: random.pick(["Spreadsheet", "Document", "Text"]),
    docmd5: random.hex(32),
    docsha256: random.hex(64),
    sharedwith: random.pick(["", "Public", "External: partner@example.net, vendor@example.org"]),
    size: String(random.int(100, 5_000_000)),
    status: random.pick(["Public", "Internal", "Healthy", "Degraded"]),
    bgcategories: random.pick(["Productivity", "News, Media"]),
    bgcloudscore: String(random.int(1, 100)),
    country,
    countrycode,
    customcategories: "",
    destinationip: `198.51.100.${random.int(1, 254)}`,
    devicehostname: `${local.split(".")[0]}-laptop`,
    protocol: random.pick(["HTTPS", "HTTP"]),
    referrer: random.chance(0.5) ? `https://${random.pick(DOMAINS)}/` : "",
    requestdomain: domain,
    requestmethod: random.pick(["GET", "POST", "PUT"]),
    responsecode: random.pick(["200", "302", "403"]),
    threatindicator: "",
    uploadedbytes: String(random.int(0, 2_000_000)),
    webcategories: random.pick(["News and Media", "Business, Economy", "File Sharing"]),
    webcategoryclass: random.pick(["Productive", "Unproductive"]),
    webreputation: String(random.int(1, 100)),
    errorcode: random.chance(0.3) ? String(random.int(400, 599)) : "",
  };
  const record: Record<string, string> = {};
  for (const field of LOG_FIELDS[type]) record[field] = values[field] ?? "";
  return record;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The service's record time format, `%d %b %Y %H:%M:%S` in UTC: `23 Dec 2021 16:57:46`. */
export function formatLogTime(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}
