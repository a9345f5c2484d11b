import { PointEditPage } from './point-edit-page';
import { PointSheetPage } from './point-sheet-page';
import { PointsListPage } from './points-list-page';
import './points.css';

/** `/settings/points`: the list; `/settings/points/<id>`: one point and its codes; `…/<id>/sheet`: its printable sheet. */
export function PointsPage({ rest: [id, part] }: { rest: string[] }) {
  if (id && part === 'sheet') return <PointSheetPage key={id} id={id} />;
  if (id) return <PointEditPage key={id} id={id} />;
  return <PointsListPage />;
}
