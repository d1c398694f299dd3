/**
 * SARIF 2.1.0 logs (the format of GitHub code scanning and other CI
 * annotators) for lexicon lint problems and eval gate failures. Pure: data in,
 * a JSON-ready object out.
 */
export interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning' | 'note';
  message: string;
  /** file the result is about, as given (relative paths stay relative) */
  file?: string;
  /** 1-based line in that file, when known */
  line?: number;
}

export interface SarifRule {
  id: string;
  description: string;
}

const toUri = (file: string) => file.split('\\').join('/').split('/').map(encodeURIComponent).join('/');

/** One run of `tool` with its rules and results. */
export function sarifLog(tool: { name: string; version: string; uri: string }, rules: readonly SarifRule[], results: readonly SarifResult[]): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, informationUri: tool.uri, rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.description } })) } },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          ruleIndex: rules.findIndex((x) => x.id === r.ruleId),
          level: r.level,
          message: { text: r.message },
          ...(r.file !== undefined
            ? { locations: [{ physicalLocation: { artifactLocation: { uri: toUri(r.file) }, ...(r.line !== undefined ? { region: { startLine: r.line } } : {}) } }] }
            : {}),
        })),
      },
    ],
  };
}

/** The 1-based line of an entry's `id:` in a lexicon file's text, if it is there. */
export function entryLine(text: string, entry: string | undefined): number | undefined {
  if (entry === undefined) return undefined;
  const lines = text.split('\n');
  const esc = entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(?:-\\s+)?id:\\s*["']?${esc}["']?\\s*(?:#.*)?$`);
  const i = lines.findIndex((l) => re.test(l));
  return i >= 0 ? i + 1 : undefined;
}
