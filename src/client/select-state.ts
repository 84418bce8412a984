/**
 * The reader's choice in a `<select>`, carried across a morph. morphdom's own select handling
 * resets the selection to the incoming `selected` attributes whenever it re-renders a select, so
 * the choice is recorded before the morph and put back after it, matched by option value.
 */

/** A select the reader changed and the option values they had picked. */
export interface SelectChoice {
  select: HTMLSelectElement;
  values: ReadonlySet<string>;
  /** Every value the select offered, so options the document adds keep their own default. */
  offered: ReadonlySet<string>;
}

/**
 * Whether the reader changed `select` away from what its markup selects. A fresh copy of the
 * element applies the browser's own default rules (last `selected` wins, else the first enabled
 * option, nothing for list boxes), so those need no re-implementation here.
 */
function readerChanged(select: HTMLSelectElement): boolean {
  const pristine = select.cloneNode(true) as HTMLSelectElement;
  const live = select.options;
  const fresh = pristine.options;
  for (let i = 0; i < live.length; i += 1) {
    if (live[i]?.selected !== fresh[i]?.selected) return true;
  }
  return false;
}

/** The reader's choice in `select`, or undefined when they never changed it (the document's choice applies). */
export function captureChoice(select: HTMLSelectElement): SelectChoice | undefined {
  if (!readerChanged(select)) return undefined;
  const options = Array.from(select.options);
  return {
    select,
    values: new Set(options.filter((option) => option.selected).map((option) => option.value)),
    offered: new Set(options.map((option) => option.value)),
  };
}

/**
 * Puts a recorded choice back. Only the `selected` property is set, never the attribute, so the
 * markup keeps saying what the document selects and the next morph can still tell the two apart.
 */
export function restoreChoice({ select, values, offered }: SelectChoice): void {
  if (!select.isConnected) return;
  const options = Array.from(select.options);
  if (!select.multiple) {
    // A picked option the document removed cannot be kept: the document's choice stands.
    const picked = options.find((option) => values.has(option.value));
    if (picked) picked.selected = true;
    return;
  }
  for (const option of options) {
    if (offered.has(option.value)) option.selected = values.has(option.value);
  }
}
