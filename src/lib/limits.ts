/**
 * Size limits of a draft and its sections, shared by the forms that take them (src/schemas) and
 * the splitter that makes sections out of an imported draft (src/domain/draft-split.ts), so a
 * section that can be imported can also be edited.
 */

/** Characters in a section's number (第1章, (1), ア …). */
export const SECTION_NUMBER_MAX = 40;
/** Characters in a section's heading. */
export const SECTION_HEADING_MAX = 300;
/** Characters in a section's text. */
export const SECTION_BODY_MAX = 200_000;
/** Bytes of a draft file, and code units of pasted draft text. */
export const DRAFT_MAX_BYTES = 5 * 1024 * 1024;
/** Sections one imported draft may give; a real plan has tens, a long one a few hundred. */
export const DRAFT_MAX_SECTIONS = 2000;
