import type { Command } from 'commander';
import type { GlobalOptions } from '../io.js';
import * as version from './version.js';
import * as init from './init.js';
import * as validate from './validate.js';
import * as plan from './plan.js';
import * as apply from './apply.js';
import * as importCmd from './import.js';
import * as show from './show.js';
import * as output from './output.js';
import * as graph from './graph.js';
import * as consoleCmd from './console.js';
import * as state from './state.js';
import * as taint from './taint.js';
import * as forceUnlock from './force-unlock.js';
import * as workspace from './workspace.js';
import * as emulator from './emulator.js';
import * as demo from './demo.js';
import * as providers from './providers.js';
import * as get from './get.js';

/** One CLI command: adds itself to the program; its action reports the exit code through `setExit`. */
export interface CommandModule {
  register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void;
}

/** Every command, in help order. Add a line per command file. */
export const commands: readonly CommandModule[] = [version, init, validate, plan, apply, importCmd, show, output, consoleCmd, graph, state, taint, forceUnlock, workspace, providers, get, emulator, demo];
