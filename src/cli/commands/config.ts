/** `wildsift config [command...]`: the effective settings of a command and where each came from. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { applyConfig, configKey, findConfig, loadConfig, valueSource } from '../config.js';
import { UsageError } from '../../core/errors.js';
import { printable } from '../../core/printable.js';

export function configCommand(ctx: CliContext, program: () => Command, configFile: () => string | false | undefined): Command {
  return new Command('config')
    .summary('print the effective settings of a command and where each came from')
    .description(
      'Print every option of the command (default: score) with the value a run would use and its source: default, config ' +
        '(wildsift.config.json, .yaml or .yml in this folder or the nearest one above it, or --config <file> before the command) ' +
        'or command line (options given after the command name here).',
    )
    .argument('[command...]', 'the command, and its options as you would give them (e.g. score -f csv)')
    .allowUnknownOption()
    .helpOption('-h, --help', 'display help for command')
    .action(async (words: string[]) => {
      const p = program();
      const [name = 'score', ...rest] = words;
      let target = p.commands.find((c) => c.name() === name);
      let section = name;
      if (target && target.commands.length > 0 && rest[0] && !rest[0].startsWith('-')) {
        const sub = target.commands.find((c) => c.name() === rest[0]);
        if (sub) { target = sub; section = `${name} ${rest.shift()}`; }
      }
      if (!target || target.name() === 'config') throw new UsageError(`no command "${name}" (commands: ${p.commands.map((c) => c.name()).join(', ')})`);
      // the command's own flags, parsed as a run would, without running it
      target.parseOptions(rest);
      const named = configFile();
      const file = named === false ? undefined : named ? named : findConfig(process.cwd());
      if (file) applyConfig(target, section, loadConfig(file, p), (m) => ctx.warn(m));
      const out = [`config file: ${file ? printable(file) : named === false ? '(none: --no-config)' : '(none found)'}`, `${section}:`];
      const opts = target.opts();
      for (const o of target.options) {
        const key = configKey(o);
        if (!key || key === 'help') continue;
        const value = opts[o.attributeName()];
        const src = valueSource(target, o);
        out.push(`  ${key.padEnd(22)} ${printable(value === undefined ? '-' : JSON.stringify(value)).padEnd(36)} ${src === 'config' ? `config ${printable(file ?? '')}` : src}`);
      }
      ctx.io.stdout.write(out.join('\n') + '\n');
    });
}
