/** A small SVG bar chart for the dashboard: bars scaled to the largest value, with a scale label. */

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 500;
const HEIGHT = 120;

/** One bar: its value, its tooltip and extra attributes (for tests and styling). */
export interface Bar {
  value: number;
  title: string;
  attrs: Record<string, string | number>;
}

function svgElement(name: string, attrs: Record<string, string | number>, title?: string): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  if (title !== undefined) {
    const tooltip = document.createElementNS(SVG, 'title');
    tooltip.textContent = title;
    element.append(tooltip);
  }
  return element;
}

/** Replaces the content of `svg` with `items` as bars; a value of 0 still gets a 1px bar so it shows. */
export function bars(svg: Element, items: readonly Bar[], label: string): void {
  const max = Math.max(1, ...items.map((item) => item.value));
  const slot = WIDTH / Math.max(items.length, 1);
  svg.replaceChildren(svgElement('line', { x1: 0, y1: HEIGHT, x2: WIDTH, y2: HEIGHT, stroke: '#999' }));
  items.forEach((item, i) => {
    const height = Math.max(1, (item.value / max) * (HEIGHT - 10));
    svg.append(
      svgElement(
        'rect',
        {
          x: i * slot + 1,
          y: HEIGHT - height,
          width: Math.max(1, slot - 2),
          height,
          fill: '#3b6ea8',
          class: 'bar',
          ...item.attrs,
        },
        item.title,
      ),
    );
  });
  const scale = svgElement('text', { x: 4, y: 12, 'font-size': 11, fill: '#555' });
  scale.textContent = `${label} max ${max.toFixed(1)}`;
  svg.append(scale);
}
