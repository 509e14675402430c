/** One answer option of a quiz question; its `id` never changes, only its position does. */
export interface QuizChoice {
  id: string;
  text: string;
}

/** A multiple-choice question with exactly one right answer. */
export interface QuizTask {
  id: string;
  kind: 'quiz';
  prompt: string;
  choices: QuizChoice[];
  /** The id of the right choice. Server-side only: never sent over HTTP. */
  answer: string;
}

/** When a badge is earned: a score (percent of questions right) at or above `minScore`. */
export interface PassRule {
  minScore: number;
}

/** A badge on offer and the micro-test that earns it. */
export interface Badge {
  /** URL-safe identifier, e.g. `git-basics`; the achievement lives at `<url>/achievements/<slug>`. */
  slug: string;
  name: string;
  description: string;
  criteria: { narrative: string };
  passRule: PassRule;
  /** How long an issued badge stays valid, in years. Default 2. */
  validityYears?: number;
  tasks: QuizTask[];
}

/** Every badge an issuer offers. */
export interface Catalog {
  badges: Badge[];
}

/** A question as learners see it: no answer. */
export interface PublicQuizTask {
  id: string;
  kind: 'quiz';
  prompt: string;
  choices: QuizChoice[];
}

/** A badge as `GET /catalog` lists it: no answer key. */
export interface PublicBadge {
  id: string;
  achievementId: string;
  name: string;
  description: string;
  criteria: { narrative: string };
  passRule: PassRule;
  tasks: PublicQuizTask[];
}
