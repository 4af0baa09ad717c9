/** A related document as the pages list it (never its bytes). */
export interface DocumentItem {
  id: number;
  title: string;
  filename: string;
  size: number;
}
