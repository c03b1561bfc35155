import { type DocumentNode, isTypeDefinitionNode, Kind, type StringValueNode } from "graphql";

/** A type, field, argument, input field or enum value, named as `Type`, `Type.field`, `Type.field(arg)` or `Type.VALUE`. */
export interface SchemaMember {
  name: string;
  /** Its description, or null when it has none (or a blank one). */
  description: string | null;
}

function descriptionOf(node: { description?: StringValueNode }): string | null {
  const text = node.description?.value;
  return text && text.trim() !== "" ? text : null;
}

/**
 * Every describable member of the types a document defines, in document order. Type extensions,
 * directive and schema definitions carry no member of their own and are left out.
 */
export function schemaMembers(document: DocumentNode): SchemaMember[] {
  const members: SchemaMember[] = [];
  for (const definition of document.definitions) {
    if (!isTypeDefinitionNode(definition)) continue;
    const type = definition.name.value;
    members.push({ name: type, description: descriptionOf(definition) });
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        for (const field of definition.fields ?? []) {
          const where = `${type}.${field.name.value}`;
          members.push({ name: where, description: descriptionOf(field) });
          for (const argument of field.arguments ?? []) members.push({ name: `${where}(${argument.name.value})`, description: descriptionOf(argument) });
        }
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        for (const field of definition.fields ?? []) members.push({ name: `${type}.${field.name.value}`, description: descriptionOf(field) });
        break;
      case Kind.ENUM_TYPE_DEFINITION:
        for (const value of definition.values ?? []) members.push({ name: `${type}.${value.name.value}`, description: descriptionOf(value) });
        break;
      default:
        break;
    }
  }
  return members;
}

/** The names of the members without a description. */
export function undescribed(members: readonly SchemaMember[]): string[] {
  return members.filter((member) => member.description === null).map((member) => member.name);
}

/** Each member the contract describes whose served description is not the contract's, word for word. */
export function descriptionsUnlikeContract(contract: readonly SchemaMember[], served: readonly SchemaMember[]): string[] {
  const servedByName = new Map(served.map((member) => [member.name, member.description]));
  return contract
    .filter((promised) => promised.description !== null && servedByName.has(promised.name) && servedByName.get(promised.name) !== promised.description)
    .map((promised) => `${promised.name}: the contract says ${JSON.stringify(promised.description)}, served ${JSON.stringify(servedByName.get(promised.name))}`);
}

/**
 * Members declared in more than one subgraph whose descriptions differ between them (one
 * described and another not counts too): composition would keep only one of the words.
 */
export function inconsistentDescriptions(subgraphs: Record<string, readonly SchemaMember[]>): string[] {
  const byMember = new Map<string, { subgraph: string; description: string | null }[]>();
  for (const [subgraph, members] of Object.entries(subgraphs)) {
    for (const { name, description } of members) byMember.set(name, [...(byMember.get(name) ?? []), { subgraph, description }]);
  }
  const problems: string[] = [];
  for (const [name, declarations] of byMember) {
    if (new Set(declarations.map((declaration) => declaration.description)).size > 1) {
      problems.push(`${name}: ${declarations.map(({ subgraph, description }) => `${subgraph} ${description === null ? "has none" : JSON.stringify(description)}`).join("; ")}`);
    }
  }
  return problems;
}
