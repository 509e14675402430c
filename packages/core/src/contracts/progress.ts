/** A learner's progress towards one badge, as the issuer shows it. */
export interface BadgeProgress {
  badge: string;
  name: string;
  earned: boolean;
  /** The id of the credential that awards it, while it is valid (then `earned` is true). */
  credentialId: string | null;
  attempts: number;
  maxAttempts: number;
  attemptsLeft: number;
  bestScore: number | null;
  /** While a cooldown runs, when it ends. */
  nextAttemptAt: string | null;
}

/** `GET /learners/me/progress`. */
export interface LearnerProgress {
  learner: string;
  badges: BadgeProgress[];
}
