/**
 * The draft's sections as checkboxes, nested by chapter as the draft is (a chapter's subsections
 * in a list inside the chapter's item), each labelled in full: subsections restart their numbers
 * in each chapter, so 「1 目的」 alone could be any chapter's first.
 */
import { type SectionRef, sectionLabels } from '../../../src/lib/sections.ts';

interface Node {
  section: SectionRef;
  children: Node[];
}

/** The sections in reading order, as a tree by level. */
function tree(sections: readonly SectionRef[]): Node[] {
  const roots: Node[] = [];
  const open: Node[] = [];
  for (const section of sections) {
    while (open.length > 0 && (open[open.length - 1]?.section.level ?? 0) >= section.level) open.pop();
    const node = { section, children: [] };
    (open[open.length - 1]?.children ?? roots).push(node);
    open.push(node);
  }
  return roots;
}

export interface SectionChoicesProps {
  sections: SectionRef[];
  /** The values ticked (section ids as strings). */
  chosen: ReadonlySet<string>;
}

export function SectionChoices({ sections, chosen }: SectionChoicesProps) {
  const labels = sectionLabels(sections);
  const Items = ({ nodes, nested }: { nodes: Node[]; nested: boolean }) => (
    <ul class={nested ? 'section-children' : 'section-choices'}>
      {nodes.map(({ section: s, children }) => (
        <li class={`section-choice level-${s.level}`}>
          <div class="choice">
            <input
              type="checkbox"
              id={`sec-${s.id}`}
              name="sections"
              value={String(s.id)}
              checked={chosen.has(String(s.id))}
            />
            <label for={`sec-${s.id}`}>{labels.get(s.id)}</label>
          </div>
          {children.length > 0 ? <Items nodes={children} nested={true} /> : null}
        </li>
      ))}
    </ul>
  );
  return <Items nodes={tree(sections)} nested={false} />;
}
