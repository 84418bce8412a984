/**
 * WCAG 2.1 contrast math as page-side source, for tests that measure text contrast in the browser
 * (where axe cannot, e.g. through a translucent badge). Prepend it to an evaluated expression; it
 * defines `rgb(css)` → `[r, g, b]`, `luminance([r, g, b])`, `backgroundOf(element)` (the first
 * opaque background up the tree, white when none) and `contrast(luminanceA, luminanceB)`.
 */
export const CONTRAST_SOURCE = `
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = (c) => {
    const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const backgroundOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)') return rgb(c);
    }
    return [255, 255, 255];
  };
  const contrast = (x, y) => {
    const [a, b] = [x, y].sort((p, q) => q - p);
    return (a + 0.05) / (b + 0.05);
  };
`;
