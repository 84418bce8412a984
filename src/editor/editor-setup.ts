/**
 * The CodeMirror 6 configuration: highlighting for YAML and Markdown, line numbers, search, undo
 * history, soft wrap, lint gutter, completion; no extension beyond what the editor page uses.
 */

import type { CompletionSource } from '@codemirror/autocomplete';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdownLanguage } from '@codemirror/lang-markdown';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  LanguageSupport,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import type { Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';

/** What the page plugs into the editor. */
export interface SetupHooks {
  format: 'yaml' | 'markdown' | 'html';
  /** Ctrl/Cmd+S. */
  save(): void;
  /** Completion for keys and values (YAML). */
  complete?: CompletionSource;
  /** Extra extensions (change listener, hover, read-only). */
  extra: Extension[];
}

/** The editor's extensions. */
export function editorExtensions(hooks: SetupHooks): Extension[] {
  // Markdown without `markdown()`: that one pulls in HTML, CSS and JavaScript grammars for fenced
  // code (over 100 KB), which SOPs do not need highlighted.
  const language =
    hooks.format === 'yaml' ? [yaml()] : hooks.format === 'markdown' ? [new LanguageSupport(markdownLanguage)] : [];
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorView.lineWrapping,
    search({ top: true }),
    lintGutter(),
    autocompletion(hooks.complete ? { override: [hooks.complete] } : {}),
    keymap.of([
      {
        key: 'Mod-s',
        preventDefault: true,
        run: () => {
          hooks.save();
          return true;
        },
      },
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...completionKeymap,
      ...lintKeymap,
      indentWithTab,
    ]),
    // An explicit tab stop: axe (and some assistive tools) do not count a bare contenteditable as
    // keyboard access to the scroller around it, though browsers focus it.
    EditorView.contentAttributes.of({ 'aria-label': 'Source', tabindex: '0' }),
    ...language,
    ...hooks.extra,
  ];
}
