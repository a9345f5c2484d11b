import 'reflect-metadata';
import { runServer } from '@turbota/server';
import { BotModule } from './bot.module';

void runServer('bot', [BotModule]);
