/**
 * Entry of the editor page: CodeMirror on the left, the normal preview page in an iframe on the
 * right, and the editor socket between them. Saving, dirty state and conflicts live here; the
 * preview itself is updated by the server, through the same patches every viewer gets.
 */
import { setDiagnostics } from '@codemirror/lint';
import { EditorState, type Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { shownTheme, switchTheme } from '../client/theme-switch.js';
import { EDITOR_BOOTSTRAP_GLOBAL, type EditorBootstrap, type EditorServerMessage } from '../shared/protocol.js';
import { EditSender } from './edit-sender.js';
import { editorExtensions } from './editor-setup.js';
import { connectEditor } from './editor-socket.js';
import { toLintMarks } from './lint-marks.js';
import { replaceKeepingCursor } from './replace-text.js';
import { schemaCompletion, schemaHover } from './schema-complete.js';
import { scrollSync } from './scroll-sync.js';

const config = (window as unknown as Record<string, EditorBootstrap | undefined>)[EDITOR_BOOTSTRAP_GLOBAL];
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

if (config) start(config);

function start(boot: EditorBootstrap): void {
  const status = $('ed-status');
  const conflictBar = $('ed-conflict');
  const name = boot.docs.find((d) => d.doc === boot.doc)?.name ?? boot.doc;
  let view: EditorView | null = null;
  /** Hash of the disk version the buffer is based on (sent with every save). */
  let base = '';
  /** The buffer as last loaded or saved: equal to the buffer means clean. */
  let saved: Text | null = null;
  /** A disk version that arrived while the buffer was dirty. */
  let diskPending: { text: string; hash: string } | null = null;
  /** The text being saved, until the server answers. */
  let saving: Text | null = null;
  let reloadAsked = false;

  const isDirty = (): boolean => Boolean(view && saved && !view.state.doc.eq(saved));
  const showState = (): void => {
    const dirty = isDirty();
    document.title = `${dirty ? '• ' : ''}${name} — sop-preview edit`;
    document.body.dataset.dirty = String(dirty);
  };
  const say = (text: string): void => {
    status.textContent = text;
  };

  const socket = connectEditor(boot.token, boot.doc, onMessage, (open) => {
    if (!open) say('Disconnected, reconnecting…');
    else if (view) sender.reset(isDirty());
  });
  const sender = new EditSender(socket, () => view?.state.doc.toString() ?? '');

  const save = (force = false): void => {
    if (!view || !boot.editable) return;
    saving = view.state.doc;
    if (socket.send({ type: 'save', text: saving.toString(), base, force })) say('Saving…');
    else say('Not connected: not saved');
  };

  const load = (text: string, hash: string): void => {
    base = hash;
    diskPending = null;
    conflictBar.hidden = true;
    if (!view) {
      view = new EditorView({
        parent: $('ed-source'),
        state: EditorState.create({ doc: text, extensions: extensions() }),
      });
    } else replaceKeepingCursor(view, text);
    saved = view.state.doc;
    showState();
  };

  const sync = scrollSync($<HTMLIFrameElement>('ed-preview'), () => view);
  const extensions = () =>
    editorExtensions({
      format: currentFormat,
      save: () => save(),
      ...(currentFormat === 'yaml' ? { complete: schemaCompletion(boot.schema) } : {}),
      extra: [
        ...(currentFormat === 'yaml' ? [schemaHover(boot.schema)] : []),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          showState();
          if (boot.editable) sender.changed();
        }),
        EditorState.readOnly.of(!boot.editable),
        ...sync,
      ],
    });
  let currentFormat: 'yaml' | 'markdown' | 'html' = 'yaml';

  function onMessage(message: EditorServerMessage): void {
    switch (message.type) {
      case 'editor-open': {
        currentFormat = message.format;
        if (!view || reloadAsked || !isDirty()) load(message.text, message.hash);
        else if (message.hash !== base) conflict(message.text, message.hash);
        reloadAsked = false;
        if (boot.editable) say('Connected');
        return;
      }
      case 'diagnostics':
        sender.answered(message.seq);
        // Marks only for the text on screen: an answer to an older edit would land on moved lines.
        if (view && message.seq === sender.latest && !sender.behind) {
          view.dispatch(setDiagnostics(view.state, toLintMarks(view.state.doc, message.items)));
          document.body.dataset.lintSeq = String(message.seq);
        }
        return;
      case 'source-map':
        window.dispatchEvent(new CustomEvent('sop-source-map', { detail: message }));
        return;
      case 'disk-changed':
        if (message.hash === base) return;
        if (!isDirty()) load(message.text, message.hash);
        else conflict(message.text, message.hash);
        return;
      case 'saved':
        if (message.ok && message.hash) {
          base = message.hash;
          saved = saving;
          say('Saved');
        } else if (message.conflict) {
          conflict(null, null);
        } else say(`Not saved: ${message.message ?? 'unknown error'}`);
        saving = null;
        showState();
        return;
      case 'created':
        if (message.ok && message.doc) location.assign(`?doc=${encodeURIComponent(message.doc)}`);
        else say(`Not created: ${message.message ?? 'unknown error'}`);
        return;
    }
  }

  function conflict(text: string | null, hash: string | null): void {
    diskPending = text !== null && hash !== null ? { text, hash } : null;
    conflictBar.hidden = false;
    say('Conflict: the file changed on disk');
  }

  $('ed-keep').addEventListener('click', () => {
    conflictBar.hidden = true;
    // Keeping mine means the next save replaces what is on disk now, knowingly.
    if (diskPending) base = diskPending.hash;
    else save(true);
    diskPending = null;
    say('Kept your version (unsaved)');
    view?.focus();
  });
  $('ed-load').addEventListener('click', () => {
    if (diskPending) load(diskPending.text, diskPending.hash);
    else {
      reloadAsked = true;
      socket.send({ type: 'reload-disk' });
    }
    view?.focus();
  });
  $('ed-save').addEventListener('click', () => save());
  const themeSelect = $<HTMLSelectElement>('ed-theme');
  const previewDoc = (): Document | null => $<HTMLIFrameElement>('ed-preview').contentDocument;
  themeSelect.addEventListener('change', () => {
    const preview = previewDoc();
    if (preview) switchTheme(preview, themeSelect.value, boot.themes);
  });
  // The preview's own badge menu may have switched it meanwhile: show what it shows.
  themeSelect.addEventListener('focus', () => {
    const preview = previewDoc();
    themeSelect.value = (preview && shownTheme(preview, boot.themes)) ?? boot.theme;
  });
  $<HTMLSelectElement>('ed-files').addEventListener('change', (event) => {
    location.assign(`?doc=${encodeURIComponent((event.target as HTMLSelectElement).value)}`);
  });
  $('ed-new').addEventListener('click', () => {
    const wanted = prompt('Name of the new SOP (letters, digits, "-" and "_")');
    if (wanted) socket.send({ type: 'create', name: wanted });
  });
  window.addEventListener('beforeunload', (event) => {
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = '';
  });
}
