/**
 * Materials and equipment: item, quantity, specification.
 *
 * @packageDocumentation
 */
import type { MaterialsModule } from '../model.js';
import type { ModuleRenderer } from './module-renderer.js';
import { renderTable } from './table.js';

/** Renders a {@link MaterialsModule} as a table. */
export const renderMaterials: ModuleRenderer<MaterialsModule> = (module) =>
  renderTable(
    'sop-materials',
    [
      { header: 'Item', cell: (row) => row.item },
      { header: 'Quantity', cell: (row) => row.quantity },
      { header: 'Specification', cell: (row) => row.specification },
    ],
    module.items,
  );
