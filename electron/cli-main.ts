#!/usr/bin/env node
import { main } from './cli/cli';

main();
