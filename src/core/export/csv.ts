import Papa from 'papaparse';
import { LEAD_COLUMNS, leadCells, type LeadForExport } from './leads';

/** A byte-order mark, so that Excel reads the file as UTF-8. */
const BOM = '\uFEFF';

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
 * before one) is prefixed with `'`, so it shows as the text it is (OWASP, "CSV injection").
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The leads as CSV (RFC 4180: CRLF rows, quoted where needed, UTF-8 with a BOM), one row each. */
export function leadsToCsv(leads: readonly LeadForExport[]): string {
  const header = LEAD_COLUMNS.map(([, label]) => label);
  const rows = leads.map((lead) => {
    const cells = leadCells(lead);
    return LEAD_COLUMNS.map(([column]) => neutralizeFormula(cells[column]));
  });
  return BOM + Papa.unparse([header, ...rows], { newline: '\r\n', quotes: false, escapeFormulae: false }) + '\r\n';
}
