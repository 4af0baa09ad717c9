import { ownLabel } from '../../src/lib/sections.ts';

/** What the table of contents needs of a section. */
export interface TocSection {
  id: number;
  level: number;
  number: string;
  heading: string;
}

interface TocNode {
  section: TocSection;
  children: TocNode[];
}

/** The flat, ordered sections as a tree by level (a jump from 1 to 3 nests one step). */
function nest(sections: readonly TocSection[]): TocNode[] {
  const roots: TocNode[] = [];
  const open: TocNode[] = [];
  for (const section of sections) {
    while (open.length > 0 && (open[open.length - 1]?.section.level ?? 0) >= section.level) open.pop();
    const node = { section, children: [] };
    (open[open.length - 1]?.children ?? roots).push(node);
    open.push(node);
  }
  return roots;
}

function TocList({ nodes, href }: { nodes: TocNode[]; href: (s: TocSection) => string }) {
  return (
    <ol class="toc-list">
      {nodes.map((n) => (
        <li>
          <a href={href(n.section)}>{ownLabel(n.section)}</a>
          {n.children.length > 0 ? <TocList nodes={n.children} href={href} /> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * A draft's table of contents: lists nested by level, each entry with its own number as the draft
 * writes it (第1章, 1, (1)) and no number of the list's own, so nothing is numbered twice.
 */
export function SectionToc({
  sections,
  href,
}: {
  sections: readonly TocSection[];
  href: (s: TocSection) => string;
}) {
  return <TocList nodes={nest(sections)} href={href} />;
}
