/**
 * Revision history: version, date, author, change.
 *
 * @packageDocumentation
 */
import type { RevisionHistoryModule } from '../model.js';
import type { ModuleRenderer } from './module-renderer.js';
import { renderTable } from './table.js';

/** Renders a {@link RevisionHistoryModule} as a table. */
export const renderRevisionHistory: ModuleRenderer<RevisionHistoryModule> = (module) =>
  renderTable(
    'sop-revisions',
    [
      { header: 'Version', cell: (row) => row.version },
      { header: 'Date', cell: (row) => row.date },
      { header: 'Author', cell: (row) => row.author },
      { header: 'Change', cell: (row) => row.change },
    ],
    module.items,
  );
