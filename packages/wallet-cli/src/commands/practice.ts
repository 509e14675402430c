import { exitCodes } from '../usage-error.js';
import type { PracticeOptions } from './practice-action.js';
import { issuerOption, jsonOption, type CommandDeclaration } from './command-declaration.js';

/** `skillproof practice [badge]`. */
export const practiceDeclaration: CommandDeclaration<[badge: string | undefined], PracticeOptions> =
  {
    name: 'practice',
    description:
      'review a badge’s practice items when they are due (spaced repetition, FSRS); works offline once fetched',
    arguments: [
      {
        name: '[badge]',
        description:
          'badge id from `skillproof tasks`: fetches its practice items; without it, every badge you practise',
      },
    ],
    options: [
      issuerOption,
      { flags: '--due', description: 'list what is due per badge, without practising' },
      {
        flags: '--new <count>',
        description: 'new items to introduce per badge in this session (default 5)',
      },
      {
        flags: '--answers <file>',
        description:
          'answers from a JSON file (- for standard input) {"<item id>": "<answer>"} or {"<item id>": {"answer": "…", "rating": "easy"}} instead of prompts',
      },
      jsonOption,
    ],
    examples: [
      'skillproof practice git-basics',
      'skillproof practice',
      'skillproof practice --due',
      'skillproof practice git-basics --answers answers.json --json',
    ],
    exitCodes: [
      { code: exitCodes.ok, meaning: 'practised (or nothing was due), or listed' },
      {
        code: exitCodes.failure,
        meaning:
          'no such badge, an answer naming no item, or the issuer unreachable and no items fetched before (nothing recorded)',
      },
      {
        code: exitCodes.usage,
        meaning:
          'usage mistake: an answers file that can’t be read or holds no answers, a bad --new (nothing recorded)',
      },
    ],
    run: async (context, [badge], options) =>
      (await import('./practice-action.js')).practiceCommand(context, badge, options),
  };
