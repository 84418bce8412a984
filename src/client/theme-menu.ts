/**
 * The badge's theme menu: a "Theme" button (`aria-expanded`, `aria-controls`) that opens a small
 * labelled group of radio buttons, one per offered theme. Native radios bring the keyboard
 * behaviour (arrow keys choose, Tab leaves); Escape closes the group and puts focus back on the
 * button. A choice switches this page only, at once, as a CSS-only change (see theme-switch.ts).
 * Pages without a rendered theme (HTML we did not render) show no menu.
 */
import { keepSwitchedTheme, pageTheme, shownTheme, switchTheme } from './theme-switch.js';

/**
 * The menu's CSS, for the badge's shadow root (white on #333: contrast 12.6:1). The legend floats,
 * so it sits inside the panel instead of on its top edge, over the page.
 */
export const THEME_MENU_CSS = `
.tm{position:relative;display:inline-flex}
.tm[hidden],.tp[hidden]{display:none}
.tp{position:absolute;right:-10px;bottom:calc(100% + 10px);margin:0;padding:4px 12px 8px;border:0;
border-radius:8px;background:#333;box-shadow:0 1px 4px rgba(0,0,0,.3);white-space:nowrap}
.tp legend{float:left;width:100%;padding:4px 0;font-weight:600}
.tp label{clear:both;display:flex;gap:6px;align-items:center;padding:2px 0;cursor:pointer}
.tp input{margin:0;accent-color:#2ecc71}
:focus-visible{outline:2px solid #8ecbff;outline-offset:2px}`;

/** Radio group name, unique inside the badge's shadow root. */
const GROUP = 'sop-preview-theme';

/** The theme menu; append {@link element} to the badge. */
export class ThemeMenu {
  /** The button and its panel. */
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly panel: HTMLFieldSetElement;

  /** @param names - the offered themes, in menu order */
  constructor(private readonly names: readonly string[]) {
    this.element = document.createElement('span');
    this.element.className = 'tm';
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.textContent = 'Theme';
    this.button.setAttribute('aria-expanded', 'false');
    this.button.setAttribute('aria-controls', 'tm-panel');
    this.panel = document.createElement('fieldset');
    this.panel.className = 'tp';
    this.panel.id = 'tm-panel';
    this.panel.hidden = true;
    const legend = document.createElement('legend');
    legend.textContent = 'Theme of this page';
    this.panel.append(legend);
    for (const name of names) {
      const label = document.createElement('label');
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = GROUP;
      radio.value = name;
      label.append(radio, name);
      this.panel.append(label);
    }
    this.button.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close(false)));
    this.panel.addEventListener('change', (event) => {
      switchTheme(document, (event.target as HTMLInputElement).value, this.names);
    });
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || this.panel.hidden) return;
      event.stopPropagation();
      this.close(true);
    });
    this.element.addEventListener('focusout', (event) => {
      // Focus left the menu (Tab past the last theme, a click elsewhere): close it.
      if (!this.element.contains(event.relatedTarget as Node | null)) this.close(false);
    });
    this.element.append(this.button, this.panel);
    this.sync();
  }

  /** Call after every update: shows the menu only on themed pages and keeps a switched theme on. */
  sync(): void {
    this.element.hidden = pageTheme(document, this.names) === undefined;
    if (this.element.hidden) this.close(false);
    keepSwitchedTheme(document);
  }

  private open(): void {
    const shown = shownTheme(document, this.names);
    const radios = [...this.panel.querySelectorAll('input')];
    for (const radio of radios) radio.checked = radio.value === shown;
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    (radios.find((radio) => radio.checked) ?? radios[0])?.focus();
  }

  private close(focusButton: boolean): void {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (focusButton) this.button.focus();
  }
}
