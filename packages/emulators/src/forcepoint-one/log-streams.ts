import { createHash } from "node:crypto";
import { SeededRandom } from "../shared/seeded-random.js";
import { makeRecord } from "./log-seed.js";
import type { ResolvedOptions } from "./options.js";
import { FORCEPOINT_ONE_LOG_TYPES } from "./types.js";
import type { ForcepointOneLogRecord, ForcepointOneLogType } from "./types.js";

/** A record with what the service keeps beside it: its log id and its time. */
export interface StoredRecord {
  /** 40 hex digits, like the `log_id` inside the service's page tokens; unique across types. */
  readonly logId: string;
  /** Epoch ms, whole seconds. */
  readonly time: number;
  readonly record: ForcepointOneLogRecord;
}

interface Stream {
  readonly records: StoredRecord[];
  readonly byId: Map<string, number>;
  readonly random: SeededRandom;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One append-only, time-ordered stream per log type. Seeded records are spread over the 30 days
 * before `seedTime`, some sharing a second (which is why paging goes by token, not by time).
 */
export class LogStreams {
  readonly #streams = new Map<ForcepointOneLogType, Stream>();
  readonly #seed: number;

  constructor(options: ResolvedOptions) {
    this.#seed = options.seed;
    FORCEPOINT_ONE_LOG_TYPES.forEach((type, i) => {
      // Each type has its own generator, so changing one type's count leaves the others alone.
      const stream: Stream = { records: [], byId: new Map(), random: new SeededRandom(options.seed * 31 + i + 1) };
      this.#streams.set(type, stream);
      const total = options.logs[type];
      const span = 30 * DAY_MS;
      const step = Math.max(1, Math.floor(span / 1000 / (total + 1)));
      let time = Math.floor((options.seedTime - span) / 1000) * 1000;
      for (let n = 0; n < total; n++) {
        time += stream.random.chance(0.15) ? 0 : stream.random.int(1, 2 * step - 1) * 1000;
        this.#push(type, stream, time);
      }
    });
  }

  /** Appends `count` records of `type` dated after the newest one (a few seconds apart). */
  append(type: ForcepointOneLogType, count: number): void {
    const stream = this.#stream(type);
    let time = stream.records.at(-1)?.time ?? Math.floor(Date.now() / 1000) * 1000;
    for (let n = 0; n < count; n++) {
      time += stream.random.chance(0.15) ? 0 : stream.random.int(1, 90) * 1000;
      this.#push(type, stream, time);
    }
  }

  /** Every record of `type`, oldest first. */
  records(type: ForcepointOneLogType): readonly StoredRecord[] {
    return this.#stream(type).records;
  }

  /** Position of a log id within `type`'s stream, or -1 (unknown, or another type's). */
  indexOf(type: ForcepointOneLogType, logId: string): number {
    return this.#stream(type).byId.get(logId) ?? -1;
  }

  /** Index of the first record stamped at or after `time` (epoch ms). */
  firstAtOrAfter(type: ForcepointOneLogType, time: number): number {
    const records = this.#stream(type).records;
    let low = 0;
    let high = records.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (records[mid]!.time < time) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #push(type: ForcepointOneLogType, stream: Stream, time: number): void {
    const index = stream.records.length;
    const logId = createHash("sha1").update(`${this.#seed}/${type}/${index}`).digest("hex");
    stream.byId.set(logId, index);
    stream.records.push({ logId, time, record: Object.freeze(makeRecord(type, stream.random, time, index)) });
  }

  #stream(type: ForcepointOneLogType): Stream {
    return this.#streams.get(type)!;
  }
}
