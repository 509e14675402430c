import type { Badge, PracticeDeck, PracticeItem } from './catalog-types.js';
import { achievementUrl } from './catalog-urls.js';

function practiceItem(item: PracticeItem): PracticeItem {
  const explanation = item.explanation === undefined ? {} : { explanation: item.explanation };
  switch (item.kind) {
    case 'quiz':
      return {
        id: item.id,
        kind: item.kind,
        prompt: item.prompt,
        choices: item.choices.map((choice) => ({ id: choice.id, text: choice.text })),
        answer: item.answer,
        ...explanation,
      };
    case 'short-answer':
      return {
        id: item.id,
        kind: item.kind,
        prompt: item.prompt,
        ...(item.answerFormat === undefined ? {} : { answerFormat: item.answerFormat }),
        acceptedAnswers: [...item.acceptedAnswers],
        ...explanation,
      };
  }
}

/**
 * A badge's practice items as `GET /catalog/<badge>/practice` serves them: with their answers
 * (practice is ungraded and the wallet checks it offline), built field by field so that nothing
 * of the graded tasks can slip in.
 *
 * @example
 * ```ts
 * practiceDeck(badge, 'https://issuer.example'); // { badge: 'git-basics', items: [{ id: 'p1', … }] }
 * ```
 */
export function practiceDeck(badge: Badge, baseUrl: string): PracticeDeck {
  return {
    badge: badge.id,
    achievementId: achievementUrl(baseUrl, badge.id),
    name: badge.name,
    items: badge.practice.map(practiceItem),
  };
}
