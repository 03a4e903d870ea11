/** What a resolver needs loaded: a scalar as `true`, a relation as the fields it needs in turn. */
export type Needs = { [field: string]: true | Needs };
type Relation = boolean | { include?: Record<string, Relation>; select?: Record<string, Relation> } | undefined;

const asSelect = (needs: Needs): Record<string, Relation> =>
  Object.fromEntries(Object.entries(needs).map(([k, v]) => [k, v === true ? true : { select: asSelect(v) }]));

function mergeRelation(existing: Relation, needs: true | Needs): Relation {
  if (needs === true) return existing || true;
  if (!existing) return { select: asSelect(needs) };
  const relations = Object.entries(needs).filter(([, v]) => v !== true);
  if (existing === true) {
    // All scalars are loaded already; only the relations are missing.
    return relations.length ? { include: Object.fromEntries(relations.map(([k, v]) => [k, mergeRelation(undefined, v)])) } : true;
  }
  return requiring(existing, needs);
}

/**
 * Makes a Prisma query planned by the Pothos prisma plugin also load what a resolver needs,
 * keeping everything the client selected (include mode loads every scalar; select mode names them).
 */
export function requiring<T extends object>(query: T, needs: Needs): T {
  const q = query as { include?: Record<string, Relation>; select?: Record<string, Relation> };
  if (q.select) {
    const select = { ...q.select };
    for (const [field, need] of Object.entries(needs)) select[field] = mergeRelation(select[field], need);
    return { ...query, select };
  }
  const include = { ...q.include };
  for (const [field, need] of Object.entries(needs)) if (need !== true) include[field] = mergeRelation(include[field], need);
  return { ...query, include };
}
