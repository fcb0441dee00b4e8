/**
 * Counts the records of a CSV file as its text arrives in pieces, for a progress bar: a line
 * break ends a record only outside quotes (a quoted cell may hold line breaks), and a doubled
 * quote inside quotes toggles twice, so it needs no special case.
 */
export class CsvRecordCounter {
  #inQuotes = false;
  records = 0;

  /** Reads the next piece of the text; answers the records completed so far. */
  add(text: string): number {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) this.#inQuotes = !this.#inQuotes; // "
      else if (c === 10 && !this.#inQuotes) this.records++; // \n
    }
    return this.records;
  }

}
