import { useState } from 'react';
import { leadsToCsv } from '../core/export/csv';
import { leadsToVcard } from '../core/export/vcard';
import { saveFile } from '../app/saveFile';
import { ModalDialog } from './ModalDialog';
import { useOutpost } from './OutpostContext';
import { plural } from './format';
import type { VisitorFilters } from '../data/liveQueries';

const FORMATS = {
  csv: { label: 'CSV', type: 'text/csv;charset=utf-8', extension: 'csv', write: leadsToCsv },
  vcard: { label: 'vCard', type: 'text/vcard;charset=utf-8', extension: 'vcf', write: leadsToVcard },
} as const;

/**
 * "Export": the visitors on this device (all, or the ones the list shows: its search and
 * filters) as a CSV file for a spreadsheet or CRM, or as vCards. Read from local data, so it
 * works offline.
 */
export function ExportDialog({
  search,
  filters,
  narrowedTo,
  onClose,
}: {
  search: string;
  filters: VisitorFilters;
  /** What the list is narrowed to, in words ("Today, Follow up"); null: it shows every visitor. */
  narrowedTo: string | null;
  onClose: () => void;
}) {
  const { queries, backup } = useOutpost();
  const [onlyMatches, setOnlyMatches] = useState(narrowedTo !== null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function exportAs(format: keyof typeof FORMATS) {
    const { label, type, extension, write } = FORMATS[format];
    setError(null);
    try {
      const visitors = onlyMatches ? await queries.listVisitors(search, filters) : await queries.listVisitors();
      const name = `outpost-visitors-${new Date().toISOString().slice(0, 10)}.${extension}`;
      saveFile(name, type, write(visitors.map((v) => ({ data: v.data }))));
      setDone(`${plural(visitors.length, 'visitor')} exported to ${name} (${label}).`);
    } catch {
      setError('The export could not be written. Try again.');
    }
  }

  async function backUp() {
    setError(null);
    try {
      setDone(`Backup of ${plural(await backup.download(), 'visitor')} downloaded.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The backup could not be written. Try again.');
    }
  }

  async function restore(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setError(null);
    setDone(null);
    try {
      const result = await backup.restore(await file.text());
      if (!result.ok) setError(result.error);
      else setDone(`${plural(result.restored, 'visitor')} restored${result.skipped ? `; ${plural(result.skipped, 'visitor')} already on this device` : ''}.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The backup could not be restored. Try again.');
    }
  }

  return (
    <ModalDialog title="Export visitors" className="export-dialog" onClose={onClose}>
      {narrowedTo !== null && <ExportScope narrowedTo={narrowedTo} onlyMatches={onlyMatches} onChange={setOnlyMatches} />}
      <div className="export-formats">
        {Object.entries(FORMATS).map(([format, { label }]) => (
          <button key={format} type="button" onClick={() => void exportAs(format as keyof typeof FORMATS)}>
            {label}
          </button>
        ))}
      </div>
      <h3>Backup</h3>
      <p>A file that restores into Outpost on this or another device, photos included.</p>
      <div className="export-formats">
        <button type="button" onClick={() => void backUp()}>
          Download a backup
        </button>
        <label className="file-button">
          Restore a backup
          <input type="file" accept="application/json,.json" onChange={(e) => void restore(e.currentTarget)} />
        </label>
      </div>
      {done && <p role="status">{done}</p>}
      {error && <p role="alert">{error}</p>}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </ModalDialog>
  );
}

/** All visitors, or only those the list shows. */
function ExportScope({ narrowedTo, onlyMatches, onChange }: { narrowedTo: string; onlyMatches: boolean; onChange: (only: boolean) => void }) {
  return (
    <fieldset>
      <legend>Which visitors</legend>
      <label>
        <input type="radio" name="export-scope" checked={!onlyMatches} onChange={() => onChange(false)} /> All visitors
      </label>
      <label>
        <input type="radio" name="export-scope" checked={onlyMatches} onChange={() => onChange(true)} /> Only those shown ({narrowedTo})
      </label>
    </fieldset>
  );
}
