/** A form body as the one bounded body reader parses it: repeated fields become arrays. */
export type FormBody = Record<string, unknown>;

/**
 * The first value of a form field, as a string (`''` when absent).
 *
 * @example
 * ```ts
 * formField({ title: ['First', 'Second'] }, 'title'); // 'First'
 * ```
 */
export function formField(form: FormBody, name: string): string {
  const value = form[name];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first : '';
}

/**
 * Every value of a repeated form field (checkboxes).
 *
 * @example
 * ```ts
 * formFields({ skill: ['https://a.example', 'https://b.example'] }, 'skill'); // both URLs
 * ```
 */
export function formFields(form: FormBody, name: string): string[] {
  const value = form[name];
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.filter((item): item is string => typeof item === 'string');
}
