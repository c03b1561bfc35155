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
  /** Root fields that may appear at most once per operation: one request, at most one guess. */
  onceOnlyFields: readonly string[];
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 18,
  maxAliases: 30,
  onceOnlyFields: ["login", "verifyStepUp", "enroll", "addVehicle", "sendSecurityCode", "refreshSession"],
};

/**
 * Validation rules that enforce the limits. They run once per distinct document (Apollo caches
 * validated documents) and walk each fragment once, so a document of nested spreads cannot make
 * the check itself expensive. graphql's own MaxIntrospectionDepthRule also refuses introspection
 * that nests `fields` in `type` over and over.
 */
export function operationLimitRules(limits: OperationLimits = DEFAULT_OPERATION_LIMITS): ValidationRule[] {
  return [maxDepthRule(limits.maxDepth), maxAliasesRule(limits.maxAliases), onceOnlyFieldsRule(limits.onceOnlyFields)];
}

function operationLabel(operation: OperationDefinitionNode): string {
  return operation.name ? `Operation "${operation.name.value}"` : "The operation";
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

/** Refuses operations nested deeper than `maxDepth` fields. */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const depthOf = (selectionSet: SelectionSetNode): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const below = selection.selectionSet ? depthOf(selection.selectionSet) : 0;
          deepest = Math.max(deepest, 1 + below);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragments.of(selection.name.value));
        }
      }
      return deepest;
    };
    const fragments = new FragmentMemo(context, 0, depthOf);
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`${operationLabel(operation)} nests fields ${depth} levels deep; at most ${maxDepth} are allowed.`, {
              nodes: operation,
            }),
          );
        }
      },
    };
  };
}

/** Refuses operations with more than `maxAliases` aliases. */
export function maxAliasesRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const aliasesIn = (selectionSet: SelectionSetNode): number => {
      let count = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.alias) count += 1;
          if (selection.selectionSet) count += aliasesIn(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count += aliasesIn(selection.selectionSet);
        } else {
          count += fragments.of(selection.name.value);
        }
      }
      return count;
    };
    const fragments = new FragmentMemo(context, 0, aliasesIn);
    return {
      OperationDefinition(operation) {
        const count = aliasesIn(operation.selectionSet);
        if (count > maxAliases) {
          context.reportError(
            new GraphQLError(`${operationLabel(operation)} uses ${count} aliases; at most ${maxAliases} are allowed.`, {
              nodes: operation,
            }),
          );
        }
      },
    };
  };
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
