/** The thin bar that flashes across the top of the page when an update lands. */
import { createOwnHost } from './own-host.js';

const CSS = `
.f{position:fixed;top:0;left:0;right:0;height:3px;z-index:2147483646;pointer-events:none;
background:#3498db;opacity:0;transform-origin:left}
.f.on{animation:sop-flash .6s ease-out}
@keyframes sop-flash{0%{opacity:1;transform:scaleX(0)}60%{opacity:1;transform:scaleX(1)}100%{opacity:0;transform:scaleX(1)}}
@media (prefers-reduced-motion:reduce){.f.on{animation:sop-flash-still .6s steps(1,end)}}
@keyframes sop-flash-still{0%{opacity:.8;transform:none}100%{opacity:0}}`;

/** The flash bar; its host element is created on the first flash and reused after. */
export class FlashBar {
  private bar: HTMLElement | undefined;

  /** Runs the flash animation once (restarting it if one is running). */
  flash(): void {
    if (!this.bar) {
      const { root } = createOwnHost('sop-preview-flash', CSS);
      this.bar = document.createElement('div');
      this.bar.className = 'f';
      root.append(this.bar);
    }
    const bar = this.bar;
    bar.classList.remove('on');
    // Reading layout between remove and add restarts the CSS animation.
    void bar.offsetWidth;
    bar.classList.add('on');
  }
}
