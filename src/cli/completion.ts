/**
 * Shell completion scripts (bash, zsh, fish), generated from the commander
 * definitions of the commands, so that a new command or option completes
 * without anyone editing a script.
 */
import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionSpec {
  long?: string;
  short?: string;
  /** takes a value: the next word is that value */
  value: boolean;
  choices?: readonly string[];
  description: string;
}

interface CommandSpec {
  name: string;
  summary: string;
  options: OptionSpec[];
  subcommands: CommandSpec[];
  /** the fixed values of its first argument, if it has them (completion <shell>) */
  argChoices?: readonly string[];
}

function optionSpec(o: Option): OptionSpec {
  const spec: OptionSpec = { value: o.required || o.optional, description: o.description };
  if (o.long) spec.long = o.long;
  if (o.short) spec.short = o.short;
  if (o.argChoices) spec.choices = o.argChoices;
  return spec;
}

function commandSpec(c: Command): CommandSpec {
  const options = c.options.map(optionSpec);
  options.push({ long: '--help', short: '-h', value: false, description: 'display help for command' });
  const spec: CommandSpec = { name: c.name(), summary: c.summary() || c.description().split('. ')[0] || '', options, subcommands: c.commands.map(commandSpec) };
  const choices = c.registeredArguments[0]?.argChoices;
  if (choices) spec.argChoices = choices;
  return spec;
}

/** The completion script of `shell` for the program's commands. */
export function completionScript(program: Command, shell: Shell): string {
  const commands = program.commands.map(commandSpec);
  if (shell === 'fish') return fish(program.name(), commands);
  const body = bash(program.name(), commands);
  if (shell === 'bash') return body;
  return `#compdef ${program.name()}\n# wildsift completion for zsh (through zsh's bash completion layer): eval "$(wildsift completion zsh)" in ~/.zshrc\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n${body}`;
}

const words = (xs: readonly string[]) => xs.join(' ');
const flagsOf = (o: OptionSpec) => [o.long, o.short].filter((x): x is string => x !== undefined);

function bashCase(c: CommandSpec, indent: string): string {
  const lines: string[] = [];
  const withChoices = c.options.filter((o) => o.value && o.choices);
  const plainValue = c.options.filter((o) => o.value && !o.choices);
  lines.push(`${indent}case "$prev" in`);
  for (const o of withChoices) lines.push(`${indent}  ${flagsOf(o).join('|')}) COMPREPLY=($(compgen -W "${words(o.choices!)}" -- "$cur")); return ;;`);
  if (plainValue.length > 0) lines.push(`${indent}  ${plainValue.flatMap(flagsOf).join('|')}) _wildsift_files; return ;;`);
  lines.push(`${indent}esac`);
  lines.push(`${indent}if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${words(c.options.flatMap(flagsOf))}" -- "$cur")); return; fi`);
  if (c.argChoices) lines.push(`${indent}COMPREPLY=($(compgen -W "${words(c.argChoices)}" -- "$cur")); return`);
  return lines.join('\n');
}

function bash(name: string, commands: CommandSpec[]): string {
  const fn = `_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
  const out: string[] = [
    `# ${name} completion for bash: eval "$(${name} completion bash)" in ~/.bashrc, or save it as`,
    `# ~/.local/share/bash-completion/completions/${name}. Generated from the command definitions.`,
    '_wildsift_files() {',
    '  type compopt >/dev/null 2>&1 && compopt -o filenames 2>/dev/null',
    '  COMPREPLY=($(compgen -f -- "$cur"))',
    '}',
    `${fn}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="" sub="" i',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case "${COMP_WORDS[i]}" in',
    '      -*) ;;',
    '      *) if [[ -z $cmd ]]; then cmd="${COMP_WORDS[i]}"; elif [[ -z $sub ]]; then sub="${COMP_WORDS[i]}"; fi ;;',
    '    esac',
    '  done',
    '  case "$cmd" in',
    `    "") COMPREPLY=($(compgen -W "${words([...commands.map((c) => c.name), 'help'])}" -- "$cur")); if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--help --version -h -V" -- "$cur")); fi; return ;;`,
    `    help) COMPREPLY=($(compgen -W "${words(commands.map((c) => c.name))}" -- "$cur")); return ;;`,
  ];
  for (const c of commands) {
    out.push(`    ${c.name})`);
    if (c.subcommands.length > 0) {
      out.push('      case "$sub" in');
      out.push(`        "") COMPREPLY=($(compgen -W "${words(c.subcommands.map((s) => s.name))}" -- "$cur")); return ;;`);
      for (const s of c.subcommands) {
        out.push(`        ${s.name})`);
        out.push(bashCase(s, '          '));
        out.push('          ;;');
      }
      out.push('      esac');
    } else {
      out.push(bashCase(c, '      '));
    }
    out.push('      _wildsift_files ;;');
  }
  out.push('  esac', '}', `complete -F ${fn} ${name}`, '');
  return out.join('\n');
}

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishOptions(name: string, cond: string, c: CommandSpec): string[] {
  return c.options.map((o) => {
    const parts = [`complete -c ${name} -n ${fishQuote(cond)}`];
    if (o.long) parts.push(`-l ${o.long.replace(/^--/, '')}`);
    if (o.short) parts.push(`-s ${o.short.replace(/^-/, '')}`);
    if (o.value) parts.push(o.choices ? `-x -a ${fishQuote(words(o.choices))}` : '-r -F');
    parts.push(`-d ${fishQuote(o.description.split('; ')[0]!.slice(0, 80))}`);
    return parts.join(' ');
  });
}

function fish(name: string, commands: CommandSpec[]): string {
  const names = commands.map((c) => c.name);
  const out = [
    `# ${name} completion for fish: ${name} completion fish > ~/.config/fish/completions/${name}.fish. Generated from the command definitions.`,
    `complete -c ${name} -f`,
    `complete -c ${name} -n '__fish_use_subcommand' -s h -l help -d 'display help'`,
    `complete -c ${name} -n '__fish_use_subcommand' -s V -l version -d 'output the version number'`,
  ];
  for (const c of commands) out.push(`complete -c ${name} -n '__fish_use_subcommand' -a ${c.name} -d ${fishQuote(c.summary.slice(0, 80))}`);
  for (const c of commands) {
    const inC = `__fish_seen_subcommand_from ${c.name}`;
    if (c.subcommands.length > 0) {
      const subs = c.subcommands.map((s) => s.name);
      for (const s of c.subcommands) out.push(`complete -c ${name} -n ${fishQuote(`${inC}; and not __fish_seen_subcommand_from ${words(subs)}`)} -a ${s.name} -d ${fishQuote(s.summary.slice(0, 80))}`);
      for (const s of c.subcommands) {
        const cond = `${inC}; and __fish_seen_subcommand_from ${s.name}`;
        out.push(`complete -c ${name} -n ${fishQuote(cond)} -F`);
        out.push(...fishOptions(name, cond, s));
      }
    } else {
      out.push(c.argChoices ? `complete -c ${name} -n ${fishQuote(inC)} -x -a ${fishQuote(words(c.argChoices))}` : `complete -c ${name} -n ${fishQuote(inC)} -F`);
      out.push(...fishOptions(name, inC, c));
    }
  }
  out.push(`complete -c ${name} -n '__fish_seen_subcommand_from help' -a ${fishQuote(words(names))}`);
  return out.join('\n') + '\n';
}
