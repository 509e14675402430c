import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

// 1EdTech's published JSON schema of the OB 3.0 AchievementCredential (draft 2019-09), see
// fixtures/ob3-schema/NOTICE.md; the same path from src/ and dist/.
const schema = JSON.parse(
  readFileSync(
    new URL('../fixtures/ob3-schema/achievementcredential.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;
const ajv = new Ajv2019.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

/**
 * What 1EdTech's OB 3.0 JSON schema says of `credential`: `<path> <message>`, none when valid.
 *
 * @example
 * ```ts
 * expect(ob3SchemaErrors(credential)).toEqual([]);
 * ```
 */
export function ob3SchemaErrors(credential: unknown): string[] {
  return validate(credential)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
