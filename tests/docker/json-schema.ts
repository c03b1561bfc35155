// A small JSON Schema (2020-12) validator: the keywords the Compose Specification's schema uses,
// nothing more. A schema with any other keyword is refused, so a newer schema can never pass a
// document it did not really check.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = boolean | { [keyword: string]: unknown };

// What validates, and what only annotates.
const ASSERTIONS = new Set([
  "type",
  "enum",
  "pattern",
  "minimum",
  "maximum",
  "required",
  "properties",
  "patternProperties",
  "additionalProperties",
  "items",
  "uniqueItems",
  "oneOf",
  "$ref",
]);
const ANNOTATIONS = new Set(["$schema", "$id", "$defs", "title", "description", "deprecated", "default"]);

export class UnsupportedSchemaError extends Error {
  constructor(keyword: string, at: string) {
    super(`the schema uses "${keyword}" at ${at || "/"}, which this validator does not check`);
    this.name = "UnsupportedSchemaError";
  }
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeMatches(type: string, value: Json): boolean {
  switch (type) {
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "number":
      return typeof value === "number";
    case "integer":
      return Number.isInteger(value);
    default:
      throw new UnsupportedSchemaError(`type: ${type}`, "");
  }
}

/** The same JSON whatever the order of an object's keys. */
function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** Refuses the whole schema, up front, when any part of it uses a keyword this validator does not check. */
function checkKeywords(schema: unknown, at: string): void {
  if (typeof schema === "boolean") return;
  if (!isObject(schema)) throw new Error(`the schema at ${at || "/"} is neither an object nor a boolean`);
  for (const [keyword, value] of Object.entries(schema)) {
    if (!ASSERTIONS.has(keyword) && !ANNOTATIONS.has(keyword)) throw new UnsupportedSchemaError(keyword, at);
    if (keyword === "properties" || keyword === "patternProperties" || keyword === "$defs") {
      for (const [name, member] of Object.entries(value as Record<string, unknown>)) checkKeywords(member, `${at}/${keyword}/${name}`);
    } else if (keyword === "additionalProperties" || keyword === "items") {
      checkKeywords(value, `${at}/${keyword}`);
    } else if (keyword === "oneOf") {
      for (const [index, option] of (value as unknown[]).entries()) checkKeywords(option, `${at}/oneOf/${index}`);
    }
  }
}

const pointer = (path: string, key: string | number) => `${path}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;

class Validator {
  private readonly patterns = new Map<string, RegExp>();

  constructor(private readonly root: Schema) {
    checkKeywords(root, "");
  }

  validate(schema: Schema, value: Json, at: string): string[] {
    if (schema === true) return [];
    if (schema === false) return [`${at || "/"}: is not allowed here`];
    const where = at || "/";
    const errors: string[] = [];
    if (typeof schema.$ref === "string") errors.push(...this.validate(this.resolve(schema.$ref), value, at));
    if (schema.type !== undefined) {
      const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
      // A failed type check makes the rest of this schema meaningless for the value.
      if (!types.some((type) => typeMatches(type, value))) return [...errors, `${where}: must be ${types.join(" or ")}, is ${JSON.stringify(value)}`];
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => canonical(allowed as Json) === canonical(value))) {
      errors.push(`${where}: must be one of ${schema.enum.map((allowed) => JSON.stringify(allowed)).join(", ")}, is ${JSON.stringify(value)}`);
    }
    if (typeof value === "string" && typeof schema.pattern === "string" && !this.regex(schema.pattern).test(value)) {
      errors.push(`${where}: must match ${schema.pattern}, is ${JSON.stringify(value)}`);
    }
    if (typeof value === "number") {
      if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${where}: must be at least ${schema.minimum}, is ${value}`);
      if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${where}: must be at most ${schema.maximum}, is ${value}`);
    }
    if (isObject(value)) errors.push(...this.object(schema, value, at));
    if (Array.isArray(value)) errors.push(...this.array(schema, value, at));
    if (Array.isArray(schema.oneOf)) errors.push(...this.oneOf(schema.oneOf as Schema[], value, at));
    return errors;
  }

  private object(schema: Exclude<Schema, boolean>, value: Record<string, Json>, at: string): string[] {
    const errors: string[] = [];
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in value)) errors.push(`${at || "/"}: must have "${name}"`);
    }
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
    for (const [key, member] of Object.entries(value)) {
      let matched = false;
      if (Object.hasOwn(properties, key)) {
        matched = true;
        errors.push(...this.validate(properties[key], member, pointer(at, key)));
      }
      for (const [pattern, memberSchema] of patterns) {
        if (!this.regex(pattern).test(key)) continue;
        matched = true;
        errors.push(...this.validate(memberSchema, member, pointer(at, key)));
      }
      if (!matched && schema.additionalProperties !== undefined) {
        const additional = schema.additionalProperties as Schema;
        errors.push(...(additional === false ? [`${pointer(at, key)}: is not allowed here`] : this.validate(additional, member, pointer(at, key))));
      }
    }
    return errors;
  }

  private array(schema: Exclude<Schema, boolean>, value: Json[], at: string): string[] {
    const errors: string[] = [];
    if (schema.items !== undefined) for (const [index, item] of value.entries()) errors.push(...this.validate(schema.items as Schema, item, pointer(at, index)));
    if (schema.uniqueItems === true && new Set(value.map(canonical)).size !== value.length) errors.push(`${at || "/"}: must not repeat an item`);
    return errors;
  }

  private oneOf(options: Schema[], value: Json, at: string): string[] {
    const results = options.map((option) => this.validate(option, value, at));
    const passed = results.filter((errors) => errors.length === 0).length;
    if (passed === 1) return [];
    if (passed > 1) return [`${at || "/"}: matches ${passed} of the schemas of a oneOf, must match exactly one`];
    // None: the option that got furthest into the value (its errors point deepest) says most about what is wrong.
    const depth = (errors: string[]) => Math.max(...errors.map((error) => error.trimStart().split(":")[0].split("/").length));
    const closest = results.reduce((best, errors) => (depth(errors) > depth(best) || (depth(errors) === depth(best) && errors.length < best.length) ? errors : best));
    return [`${at || "/"}: matches none of the schemas of a oneOf; the closest says:`, ...closest.map((error) => `  ${error}`)];
  }

  private resolve(ref: string): Schema {
    if (!ref.startsWith("#/")) throw new UnsupportedSchemaError(`$ref: ${ref}`, "");
    let node: unknown = this.root;
    for (const part of ref.slice(2).split("/")) {
      const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
      node = isObject(node) ? (node as Record<string, unknown>)[key] : undefined;
      if (node === undefined) throw new Error(`the schema's $ref ${ref} points nowhere`);
    }
    return node as Schema;
  }

  private regex(pattern: string): RegExp {
    let compiled = this.patterns.get(pattern);
    if (!compiled) {
      // JSON Schema's patterns are ECMA-262 regular expressions, unanchored.
      compiled = new RegExp(pattern, "u");
      this.patterns.set(pattern, compiled);
    }
    return compiled;
  }
}

/** Every way `value` breaks `schema`, each as `<JSON pointer>: <what is wrong>`; empty when it is valid. */
export function validateJson(schema: Schema, value: unknown): string[] {
  return new Validator(schema).validate(schema, value as Json, "");
}
