import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
} from "graphql";

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return "an object type";
  if (isInterfaceType(type)) return "an interface";
  if (isUnionType(type)) return "a union";
  if (isEnumType(type)) return "an enum";
  if (isInputObjectType(type)) return "an input type";
  return "a scalar";
}

/** A required argument or input field: non-null and without a default. */
function isRequired(input: GraphQLArgument | GraphQLInputField): boolean {
  return isNonNullType(input.type) && input.defaultValue === undefined;
}

function compareInputs(
  where: string,
  kind: string,
  promised: readonly (GraphQLArgument | GraphQLInputField)[],
  served: readonly (GraphQLArgument | GraphQLInputField)[],
): string[] {
  const problems: string[] = [];
  for (const input of promised) {
    const actual = served.find((candidate) => candidate.name === input.name);
    if (!actual) problems.push(`${where}: ${kind} "${input.name}" is missing`);
    else if (String(actual.type) !== String(input.type)) problems.push(`${where}: ${kind} "${input.name}" is ${String(actual.type)}, the contract says ${String(input.type)}`);
    else if (input.defaultValue !== undefined && JSON.stringify(actual.defaultValue) !== JSON.stringify(input.defaultValue)) {
      problems.push(`${where}: ${kind} "${input.name}" defaults to ${JSON.stringify(actual.defaultValue)}, the contract says ${JSON.stringify(input.defaultValue)}`);
    }
  }
  // An extra required input would break every client that sends what the contract says.
  for (const input of served) {
    if (isRequired(input) && !promised.some((candidate) => candidate.name === input.name)) {
      problems.push(`${where}: required ${kind} "${input.name}" is not in the contract`);
    }
  }
  return problems;
}

function compareFields(typeName: string, promised: Record<string, GraphQLField<unknown, unknown>>, served: Record<string, GraphQLField<unknown, unknown>>): string[] {
  const problems: string[] = [];
  for (const field of Object.values(promised)) {
    const actual = served[field.name];
    const where = `${typeName}.${field.name}`;
    if (!actual) {
      problems.push(`${where} is missing`);
      continue;
    }
    if (String(actual.type) !== String(field.type)) problems.push(`${where} is ${String(actual.type)}, the contract says ${String(field.type)}`);
    problems.push(...compareInputs(where, "argument", field.args, actual.args));
  }
  return problems;
}

function compareType(promised: GraphQLNamedType, served: GraphQLNamedType): string[] {
  const name = promised.name;
  if (kindOf(promised) !== kindOf(served)) return [`${name} is ${kindOf(served)}, the contract says ${kindOf(promised)}`];
  if ((isObjectType(promised) || isInterfaceType(promised)) && (isObjectType(served) || isInterfaceType(served))) {
    const missingInterfaces = promised.getInterfaces().filter((i) => !served.getInterfaces().some((s) => s.name === i.name));
    return [...missingInterfaces.map((i) => `${name} does not implement ${i.name}`), ...compareFields(name, promised.getFields(), served.getFields())];
  }
  if (isInputObjectType(promised) && isInputObjectType(served)) {
    return compareInputs(name, "input field", Object.values(promised.getFields()), Object.values(served.getFields()));
  }
  if (isEnumType(promised) && isEnumType(served)) {
    return promised
      .getValues()
      .filter((value) => !served.getValue(value.name))
      .map((value) => `${name}.${value.name} (enum value) is missing`);
  }
  if (isUnionType(promised) && isUnionType(served)) {
    return promised
      .getTypes()
      .filter((member) => !served.getTypes().some((s) => s.name === member.name))
      .map((member) => `${name} has no member ${member.name}`);
  }
  return [];
}

/**
 * Everything the contract promises that the served API schema lacks or types differently:
 * types, fields, arguments, input fields, enum values and union members, with the same types
 * and nullability. The API schema may hold more (but no extra required argument or input field).
 * Descriptions are not compared. An empty list means the contract is covered.
 */
export function contractGaps(contract: GraphQLSchema, api: GraphQLSchema): string[] {
  const problems: string[] = [];
  const roots = [
    ["query", contract.getQueryType(), api.getQueryType()],
    ["mutation", contract.getMutationType(), api.getMutationType()],
    ["subscription", contract.getSubscriptionType(), api.getSubscriptionType()],
  ] as const;
  for (const [operation, promised, served] of roots) {
    if (promised && promised.name !== served?.name) problems.push(`the ${operation} root type is ${served?.name ?? "missing"}, the contract says ${promised.name}`);
  }
  for (const type of Object.values(contract.getTypeMap())) {
    if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    const served = api.getType(type.name);
    if (!served) problems.push(`type ${type.name} is missing`);
    else problems.push(...compareType(type, served));
  }
  return problems;
}
