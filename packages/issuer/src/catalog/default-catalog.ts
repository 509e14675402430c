import type { Catalog, QuizChoice, QuizTask } from './catalog-types.js';

// Choice ids are `a`…`d` in the order written here; the right one moves around so that an id
// says nothing about correctness (attempts shuffle the display order on top of that).
function quiz(
  id: string,
  prompt: string,
  texts: [string, string, string, string],
  answer: 'a' | 'b' | 'c' | 'd',
): QuizTask {
  const choices: QuizChoice[] = texts.map((text, index) => ({
    id: String.fromCharCode(97 + index),
    text,
  }));
  return { id, kind: 'quiz', prompt, choices, answer };
}

/**
 * The badges Skillproof Academy offers out of the box: Git Basics (4 questions, pass at 75%) and
 * Russian History I (10 questions, pass at 80%).
 */
export const defaultCatalog: Catalog = {
  badges: [
    {
      slug: 'git-basics',
      name: 'Git Basics',
      description:
        'Knows the everyday Git commands: staging, committing, fetching and inspecting the working tree.',
      criteria: {
        narrative:
          'Pass the Git Basics micro-test: answer at least 75% of its four multiple-choice questions correctly.',
      },
      passRule: { minScore: 75 },
      tasks: [
        quiz(
          'q1',
          'Which command records the staged changes as a new commit?',
          ['git push', 'git stash', 'git commit', 'git add'],
          'c',
        ),
        quiz(
          'q2',
          "Which command stages a file's changes for the next commit?",
          ['git add', 'git commit', 'git reset', 'git log'],
          'a',
        ),
        quiz(
          'q3',
          'Which command downloads objects and refs from a remote without merging them?',
          ['git pull', 'git push', 'git merge', 'git fetch'],
          'd',
        ),
        quiz(
          'q4',
          'Which command shows the state of the working tree and the staging area?',
          ['git log', 'git status', 'git show', 'git branch'],
          'b',
        ),
      ],
    },
    {
      slug: 'russian-history-1',
      name: 'Russian History I',
      description:
        'Knows the milestones of Russian history from the baptism of Kievan Rus’ to the Decembrist revolt.',
      criteria: {
        narrative:
          'Pass the Russian History I micro-test: answer at least 80% of its ten multiple-choice questions correctly.',
      },
      passRule: { minScore: 80 },
      tasks: [
        quiz(
          'q1',
          'In which year was the Battle of Kulikovo fought?',
          ['1240', '1380', '1480', '1242'],
          'b',
        ),
        quiz(
          'q2',
          'Who founded Saint Petersburg in 1703?',
          ['Ivan IV', 'Catherine II', 'Peter I', 'Alexander I'],
          'c',
        ),
        quiz(
          'q3',
          'Who was the first ruler crowned Tsar of All Russia, in 1547?',
          ['Ivan IV', 'Ivan III', 'Vasily III', 'Boris Godunov'],
          'a',
        ),
        quiz(
          'q4',
          'In which year was serfdom abolished in the Russian Empire?',
          ['1825', '1881', '1905', '1861'],
          'd',
        ),
        quiz(
          'q5',
          'Which dynasty ruled Russia from 1613 to 1917?',
          ['The Rurikids', 'The Romanovs', 'The Godunovs', 'The Jagiellonians'],
          'b',
        ),
        quiz(
          'q6',
          "In which year did Vladimir the Great have Kievan Rus' baptised?",
          ['862', '945', '988', '1054'],
          'c',
        ),
        quiz(
          'q7',
          "In which year did Napoleon's army enter Moscow?",
          ['1812', '1805', '1807', '1815'],
          'a',
        ),
        quiz(
          'q8',
          'Which empress was born Sophie of Anhalt-Zerbst?',
          ['Elizabeth', 'Anna Ioannovna', 'Catherine I', 'Catherine II'],
          'd',
        ),
        quiz(
          'q9',
          "In which year did the Great Stand on the Ugra River end the Horde's rule over Russia?",
          ['1380', '1480', '1453', '1521'],
          'b',
        ),
        quiz(
          'q10',
          'In which year did the Decembrist revolt take place?',
          ['1812', '1849', '1825', '1861'],
          'c',
        ),
      ],
    },
  ],
};
