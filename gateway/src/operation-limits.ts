import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule as armorMaxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule as armorMaxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

/** Limits on the shape of one operation; a document that breaks one is refused with HTTP 400. */
export interface OperationLimits {
  /** Deepest nesting of fields, introspection's included: the standard introspection query is 15 deep, and tools may go a little deeper. */
  maxDepth: number;
  /** Most aliases in one operation, fragments counted every time they are spread. */
  maxAliases: number;
  /**
   * Highest cost of one operation, as GraphQL Armor counts it: 1 a leaf field, 2 an object field,
   * each nested level weighing 1.5 times the one above, a list with `first: N` N times;
   * introspection not counted (the depth limit and graphql's own rule bound it). The contract's
   * operations cost 73 at most; a chain of single fields as deep as maxDepth costs 4,922, one level
   * deeper 7,389 (refused for its depth alone); 30 aliases of a field 13 deep cost over 19,000.
   */
  maxCost: number;
  /** Root fields that may appear at most once per operation: one request, at most one guess. */
  onceOnlyFields: readonly string[];
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 18,
  maxAliases: 30,
  maxCost: 10_000,
  onceOnlyFields: ["login", "verifyStepUp", "enroll", "addVehicle", "sendSecurityCode", "refreshSession"],
};

/**
 * Validation rules that enforce the limits: depth, aliases and cost counted by GraphQL Armor, the
 * once-only fields (which it has no rule for) here. They run once per distinct document (Apollo
 * caches validated documents) and walk each fragment once, so a document of nested spreads cannot
 * make the check itself expensive. graphql's own MaxIntrospectionDepthRule also refuses
 * introspection that nests `fields` in `type` over and over.
 */
export function operationLimitRules(limits: OperationLimits = DEFAULT_OPERATION_LIMITS): ValidationRule[] {
  return [maxDepthRule(limits.maxDepth), maxAliasesRule(limits.maxAliases), maxCostRule(limits.maxCost), onceOnlyFieldsRule(limits.onceOnlyFields)];
}

function operationLabel(operation: OperationDefinitionNode): string {
  return operation.name ? `Operation "${operation.name.value}"` : "The operation";
}

/** What an Armor rule is given: its own options, and where to say that an operation broke the limit. */
interface ArmorOptions {
  onReject: ((context: unknown, error: GraphQLError) => void)[];
  propagateOnRejection: boolean;
  exposeLimits: boolean;
}

/**
 * An Armor rule whose refusal is reported in this API's words, against the operation that broke
 * the limit. Armor throws its own error out of validation unless told not to (which Apollo would
 * answer with a 500), and words it "Syntax Error: ... found N."; `describe` gets that N.
 */
function armored(armorRule: (options: ArmorOptions) => ValidationRule, describe: (operation: OperationDefinitionNode, found: number) => string): ValidationRule {
  return (context) => {
    let current: OperationDefinitionNode | undefined;
    const armor = armorRule({
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [
        (_context, error) => {
          const found = Number(/found ([\d.]+?)\.?$/.exec(error.message)?.[1]);
          if (current) context.reportError(new GraphQLError(describe(current, found), { nodes: current }));
        },
      ],
    })(context) as { OperationDefinition: { enter: (this: unknown, node: OperationDefinitionNode) => void } };
    return {
      OperationDefinition(operation) {
        current = operation;
        armor.OperationDefinition.enter.call(armor, operation);
      },
    };
  };
}

/** Refuses operations nested deeper than `maxDepth` fields (fragments add no level). */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return armored(
    (options) => armorMaxDepthRule({ ...options, n: maxDepth, flattenFragments: true, ignoreIntrospection: false }),
    (operation, depth) => `${operationLabel(operation)} nests fields ${depth} levels deep; at most ${maxDepth} are allowed.`,
  );
}

/** Refuses operations with more than `maxAliases` aliases (of __typename too). */
export function maxAliasesRule(maxAliases: number): ValidationRule {
  return armored(
    (options) => armorMaxAliasesRule({ ...options, n: maxAliases, allowList: [] }),
    (operation, count) => `${operationLabel(operation)} uses ${count} aliases; at most ${maxAliases} are allowed.`,
  );
}

/** Refuses operations that cost more than `maxCost` (see OperationLimits.maxCost). */
export function maxCostRule(maxCost: number): ValidationRule {
  return armored(
    (options) => costLimitRule({ ...options, maxCost, flattenFragments: true, ignoreIntrospection: true }),
    (operation, cost) => `${operationLabel(operation)} costs ${Math.ceil(cost)}; at most ${maxCost} is allowed (a field costs more the deeper it is nested).`,
  );
}

/**
 * Folds a value over a selection set, expanding fragment spreads through a per-fragment memo.
 * A fragment in a cycle counts as empty (NoFragmentCyclesRule reports the cycle itself).
 */
class FragmentMemo<T> {
  private readonly done = new Map<string, T>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly context: ValidationContext,
    private readonly empty: T,
    private readonly compute: (selectionSet: SelectionSetNode) => T,
  ) {}

  of(name: string): T {
    const known = this.done.get(name);
    if (known !== undefined) return known;
    const fragment: FragmentDefinitionNode | null | undefined = this.context.getFragment(name);
    if (!fragment || this.visiting.has(name)) return this.empty;
    this.visiting.add(name);
    const value = this.compute(fragment.selectionSet);
    this.visiting.delete(name);
    this.done.set(name, value);
    return value;
  }
}

/** Refuses an operation in which one of `fieldNames` appears more than once at the root, aliased or not. */
export function onceOnlyFieldsRule(fieldNames: readonly string[]): ValidationRule {
  const watched = new Set(fieldNames);
  return (context: ValidationContext): ASTVisitor => {
    const rootFieldsIn = (selectionSet: SelectionSetNode): Map<string, number> => {
      const counts = new Map<string, number>();
      const add = (name: string, n: number) => counts.set(name, (counts.get(name) ?? 0) + n);
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (watched.has(selection.name.value)) add(selection.name.value, 1);
        } else {
          const inner = selection.kind === Kind.INLINE_FRAGMENT ? rootFieldsIn(selection.selectionSet) : fragments.of(selection.name.value);
          for (const [name, n] of inner) add(name, n);
        }
      }
      return counts;
    };
    const fragments = new FragmentMemo(context, new Map<string, number>(), rootFieldsIn);
    return {
      OperationDefinition(operation) {
        for (const [name, count] of rootFieldsIn(operation.selectionSet)) {
          if (count > 1) {
            context.reportError(
              new GraphQLError(`${operationLabel(operation)} has "${name}" ${count} times; it may appear only once per operation, aliases included.`, {
                nodes: operation,
              }),
            );
          }
        }
      },
    };
  };
}
