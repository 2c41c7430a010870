import { SeededRandom } from "../shared/seeded-random.js";
import type { OpenApiDocument } from "./document.js";
import type { CollectionShape } from "./resource-shapes.js";
import { synthesize, uuid } from "./synthesize.js";
import type { SynthesisContext } from "./synthesize.js";
import { textOf } from "./text-of.js";

export type Item = Record<string, unknown>;

export interface ResourceStoreOptions {
  readonly seed: number;
  /** Items a collection starts with: one number for all, or by collection path template. */
  readonly count: number | Readonly<Record<string, number>>;
  readonly now: number;
  /** Collections that start empty whatever `count` says (membership lists, which only hold what was added). */
  readonly empty?: ReadonlySet<string>;
}

/**
 * The things an emulator instance holds, one ordered collection per concrete collection path
 * (`/parents/7/things` is not `/parents/8/things`). A collection is seeded the first time it is
 * touched, from a random stream keyed by the seed and its path, so its content does not depend
 * on which collection a test happened to read first.
 */
export class ResourceStore {
  readonly #document: OpenApiDocument;
  readonly #options: ResourceStoreOptions;
  readonly #collections = new Map<string, Map<string, Item>>();

  constructor(document: OpenApiDocument, options: ResourceStoreOptions) {
    this.#document = document;
    this.#options = options;
  }

  /** The items of the collection at `path`, in insertion order (seeded on first use). */
  items(shape: CollectionShape, path: string): Map<string, Item> {
    let items = this.#collections.get(path);
    if (!items) {
      items = new Map();
      this.#collections.set(path, items);
      const context = this.#context(path);
      const count = this.#options.empty?.has(shape.template)
        ? 0
        : typeof this.#options.count === "number"
          ? this.#options.count
          : (this.#options.count[shape.template] ?? 10);
      for (let i = 0; i < count; i++) this.#add(shape, items, shape.itemSchema ? (synthesize(context, shape.itemSchema) as Item) : {}, context);
    }
    return items;
  }

  find(shape: CollectionShape, path: string, id: string): Item | undefined {
    return this.items(shape, path).get(id);
  }

  /** Adds an item built from its schema, with `fields` over it and a new unique id. */
  create(shape: CollectionShape, path: string, fields: Item): Item {
    const context = this.#context(`${path}#${this.items(shape, path).size}`);
    const item = { ...(shape.itemSchema ? (synthesize(context, shape.itemSchema) as Item) : {}), ...fields };
    return this.#add(shape, this.items(shape, path), item, context, fields);
  }

  /** Replaces an item's fields, keeping its id. */
  replace(shape: CollectionShape, path: string, id: string, item: Item): Item {
    const items = this.items(shape, path);
    const kept = shape.idField ? { ...item, [shape.idField]: items.get(id)?.[shape.idField] } : item;
    items.set(id, kept);
    return kept;
  }

  delete(shape: CollectionShape, path: string, id: string): boolean {
    return this.items(shape, path).delete(id);
  }

  clear(): void {
    this.#collections.clear();
  }

  #context(path: string): SynthesisContext {
    return { document: this.#document, random: new SeededRandom(hash(`${this.#options.seed}\n${path}`)), now: this.#options.now };
  }

  #add(shape: CollectionShape, items: Map<string, Item>, item: Item, context: SynthesisContext, given: Item = {}): Item {
    const field = shape.idField;
    if (field && shape.itemSchema) {
      // A caller-chosen id is kept when free (SCIM-like creates name their own); otherwise a new one.
      const chosen = given[field];
      item[field] = chosen !== undefined && !items.has(textOf(chosen)) ? chosen : this.#freshId(shape, items, item[field], context);
    }
    items.set(field ? String(item[field]) : String(items.size + 1), item);
    return item;
  }

  #freshId(shape: CollectionShape, items: Map<string, Item>, sample: unknown, context: SynthesisContext): unknown {
    if (typeof sample === "number") {
      let next = items.size + 1;
      while (items.has(String(next))) next++;
      return next;
    }
    const text = textOf(sample);
    for (let attempt = 0; attempt < 1000; attempt++) {
      let candidate: string;
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) candidate = uuid(context.random);
      else if (/^[0-9a-f]{6,}$/i.test(text)) candidate = context.random.hex(text.length);
      else if (/^\d+$/.test(text)) candidate = String(items.size + 1 + attempt);
      else candidate = `${text || "item"}-${items.size + 1 + attempt}`;
      if (!items.has(candidate)) return candidate;
    }
    throw new Error(`Could not make a unique id for ${shape.template}`);
  }
}

/** FNV-1a, 32 bits: a stable number from a string, to seed each collection's stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
