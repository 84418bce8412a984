/**
 * Records: what the procedure produces, where it is kept, for how long.
 *
 * @packageDocumentation
 */
import type { RecordsModule } from '../model.js';
import type { ModuleRenderer } from './module-renderer.js';
import { renderTable } from './table.js';

/** Renders a {@link RecordsModule} as a table. */
export const renderRecords: ModuleRenderer<RecordsModule> = (module) =>
  renderTable(
    'sop-records',
    [
      { header: 'Record', cell: (row) => row.name },
      { header: 'Location', cell: (row) => row.location },
      { header: 'Retention', cell: (row) => row.retention },
    ],
    module.items,
  );
