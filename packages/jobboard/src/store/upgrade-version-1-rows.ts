import type { Kysely } from 'kysely';
import type { JobboardTables } from './jobboard-tables.js';

// Migration 4 is history: it rewrites what version 1 wrote, once, and must keep doing exactly
// that however the board's domain code changes later. So it carries its own copy of how a
// version-1 posting reads today (descriptions, the Presentation Exchange definition) instead of
// calling the domain.

/** A requirement as version 1 stored it: a badge clause without `type` or `description`. */
interface Version1Clause {
  id: string;
  achievementId: string;
  acceptedIssuers: string[];
  type?: string;
  description?: string;
}

// PE v2 §5.1.1.1: PEX reads a field from the first of its paths that finds anything; the decoded
// JWT form first, then the W3C JSON form (as `derivePresentationDefinition` writes them).
const achievementPaths = [
  '$.vc.credentialSubject.achievement.id',
  '$.credentialSubject.achievement.id',
];
const issuerPaths = ['$.iss', '$.issuer.id', '$.issuer'];

function inWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** Version 1 had no labels, so a clause reads as its ids. */
function describedClause(clause: Version1Clause): Version1Clause & { type: string } {
  return {
    ...clause,
    type: clause.type ?? 'badge',
    description:
      clause.description ?? `${clause.achievementId} from ${inWords(clause.acceptedIssuers)}`,
  };
}

function definitionOf(id: string, title: string, clauses: readonly Version1Clause[]): object {
  return {
    id,
    name: title,
    purpose: `Show the badges that "${title}" requires`,
    format: { jwt_vc: { alg: ['EdDSA'] }, jwt_vp: { alg: ['EdDSA'] } },
    submission_requirements: clauses.map((clause) => ({
      name: clause.id,
      purpose: clause.description ?? '',
      rule: 'all',
      from: clause.id,
    })),
    input_descriptors: clauses.map((clause) => ({
      id: clause.id,
      name: clause.achievementId,
      purpose: clause.description ?? '',
      group: [clause.id],
      constraints: {
        fields: [
          {
            path: [...achievementPaths],
            filter: { type: 'string', const: clause.achievementId },
          },
          {
            path: [...issuerPaths],
            filter: { type: 'string', enum: [...clause.acceptedIssuers] },
          },
        ],
      },
    })),
  };
}

/**
 * Rewrites the rows version 1 wrote in today's shape: badge clauses get `type` and a
 * `description`, definitions without submission requirements (whose issuer paths PEX could not
 * read from a decoded JWT) are derived again, and decided requirements get `type`, `code` and
 * `credentials`. Rows already in today's shape are left alone.
 *
 * @example
 * ```ts
 * { version: 4, description: '…', up: upgradeVersion1Rows } // a step of jobboardMigrations
 * ```
 */
export async function upgradeVersion1Rows(database: Kysely<unknown>): Promise<void> {
  const db = database as Kysely<JobboardTables>;
  const postings = await db
    .selectFrom('postings')
    .select(['id', 'title', 'requirements_json', 'presentation_definition_json'])
    .execute();
  for (const posting of postings) {
    const stored = JSON.parse(posting.requirements_json) as Version1Clause[];
    const definition = JSON.parse(posting.presentation_definition_json) as Record<string, unknown>;
    const oldClauses = stored.some(
      (clause) => clause.type === undefined || clause.description === undefined,
    );
    const oldDefinition = definition['submission_requirements'] === undefined;
    if (!oldClauses && !oldDefinition) continue;
    const clauses = stored.map(describedClause);
    await db
      .updateTable('postings')
      .set({
        requirements_json: JSON.stringify(clauses),
        presentation_definition_json: JSON.stringify(
          oldDefinition ? definitionOf(posting.id, posting.title, clauses) : definition,
        ),
      })
      .where('id', '=', posting.id)
      .execute();
  }

  const applications = await db
    .selectFrom('applications')
    .select(['id', 'decision_json'])
    .execute();
  for (const application of applications) {
    const decision = JSON.parse(application.decision_json) as {
      requirements: Array<Record<string, unknown>>;
    };
    const old = decision.requirements.some(
      (outcome) =>
        outcome['type'] === undefined ||
        outcome['code'] === undefined ||
        outcome['credentials'] === undefined,
    );
    if (!old) continue;
    await db
      .updateTable('applications')
      .set({
        decision_json: JSON.stringify({
          ...decision,
          requirements: decision.requirements.map((outcome) => ({
            type: 'badge',
            code: outcome['met'] === true ? 'met' : 'missing',
            credentials: [],
            ...outcome,
          })),
        }),
      })
      .where('id', '=', application.id)
      .execute();
  }
}
