import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, checkLayers } from './layers.ts';

const root = resolve(import.meta.dirname, '../..');

describe('the layer rules', () => {
  it('hold for every import in src, views and db', () => {
    const found = checkLayers(root);
    expect(found.map((v) => `${v.file}:${v.line} → ${v.target}`)).toEqual([]);
  });

  it('refuse a domain rule that runs a query', () => {
    const found = checkFile(
      root,
      'src/domain/x.ts',
      "import { findConsultation } from '../data/consultations.ts';\n",
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('src/domain may not import src/data');
  });

  it('refuse data that decides a rule, and a view that imports a query type', () => {
    expect(
      checkFile(root, 'src/data/x.ts', "import { makeReceiptCode } from '../domain/receipt.ts';"),
    ).toHaveLength(1);
    expect(
      checkFile(root, 'views/pages/X.tsx', "import type { InboxRow } from '../../src/data/inbox.ts';"),
    ).toHaveLength(1);
    expect(
      checkFile(
        root,
        'views/pages/X.tsx',
        "import {\n  type InboxRow,\n  type Other,\n} from '../../src/data/inbox.ts';",
      ),
    ).toHaveLength(1);
  });

  it('let a view import a domain type but not a domain function', () => {
    expect(
      checkFile(root, 'views/pages/X.tsx', "import type { Phase } from '../../src/domain/lifecycle.ts';"),
    ).toEqual([]);
    expect(
      checkFile(root, 'views/pages/X.tsx', "import { type Phase } from '../../src/domain/lifecycle.ts';"),
    ).toEqual([]);
    expect(
      checkFile(root, 'views/pages/X.tsx', "import { daysLeft } from '../../src/domain/lifecycle.ts';"),
    ).toHaveLength(1);
  });

  it('refuse lib reaching up into views, and any private path of tsx', () => {
    expect(
      checkFile(root, 'src/lib/x.tsx', "import { Layout } from '../../views/layouts/Layout.tsx';"),
    ).toHaveLength(1);
    expect(
      checkFile(
        root,
        'src/analysis/x.ts',
        "const api = await import('tsx/dist/esm/api/index.mjs');\nimport x from 'tsx/dist/esm/api/index.mjs';",
      ),
    ).toHaveLength(2);
  });
});
