/**
 * A file held in part: its bytes array has the file's full length, and some ranges (the insides of large streams,
 * such as a scan's page images) are not read yet and hold zeros. Whoever parses at an offset first asks for the
 * range, so nothing is ever read from a range that is missing; a page-1 stamp on a 50 MB scan reads its small
 * objects only.
 */
export interface BytesOnDemand {
  /** Makes bytes [start, end) present in the array (reads in place whatever part of them is missing). */
  ensure(start: number, end: number): void;
  /** True while some range is still missing. */
  readonly partial: boolean;
}
