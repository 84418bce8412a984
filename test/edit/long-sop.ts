/**
 * A 300-step SOP in YAML and in Markdown for the source-map tests: every tenth step has details
 * and a sub-step, so blocks span several lines and nest. Step `n`'s text is `Action n.`, unique
 * as a substring, and its first source line is known.
 */

/** The source and, per step number, the 1-based line the step starts on. */
export interface LongSop {
  text: string;
  firstLine: Map<number, number>;
}

const META = ['id: SOP-LONG-001', 'title: Long procedure', 'version: "1.0"', 'status: draft'];

/** `*.sop.yaml` text. */
export function longYaml(steps = 300): LongSop {
  const lines = [
    ...META,
    'modules:',
    '  - type: purpose',
    '    text: Exercise the source map.',
    '  - type: procedure',
    '    steps:',
  ];
  const firstLine = new Map<number, number>();
  for (let n = 1; n <= steps; n++) {
    firstLine.set(n, lines.length + 1);
    lines.push(`      - text: Action ${n}.`);
    if (n % 10 === 0) {
      lines.push('        details: |', `          Details of action ${n},`, '          over two lines.');
      lines.push('        steps:', `          - text: Sub-action ${n}a.`);
    }
  }
  return { text: `${lines.join('\n')}\n`, firstLine };
}

/** `*.sop.md` text. */
export function longMarkdown(steps = 300): LongSop {
  const lines = ['---', ...META, '---', '', '## Purpose', '', 'Exercise the source map.', '', '## Procedure', ''];
  const firstLine = new Map<number, number>();
  for (let n = 1; n <= steps; n++) {
    firstLine.set(n, lines.length + 1);
    lines.push(`${n}. Action ${n}.`);
    if (n % 10 === 0) {
      const pad = ' '.repeat(`${n}. `.length);
      lines.push('', `${pad}Details of action ${n},`, `${pad}over two lines.`, '', `${pad}1. Sub-action ${n}a.`, '');
    }
  }
  return { text: `${lines.join('\n')}\n`, firstLine };
}
